/** The caller's view of tenants. Until authentication lands, every caller is the provd tenant. */
export interface TenantScope {
  tenant: string;
  /** Tenants whose devices the caller may see. */
  canSee(tenantUuid: string | undefined): boolean;
}
