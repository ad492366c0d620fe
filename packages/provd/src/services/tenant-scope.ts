/** The caller's view of tenants (from the REST request's identity). */
export interface TenantScope {
  tenant: string;
  /** Tenants whose devices (and owned configs) the caller may see: its tenant and subtenants. */
  canSee(tenantUuid: string | undefined): boolean;
  /**
   * The master (provd) tenant, acting for itself: it sees everything, and the configs it creates
   * are shared by every tenant, as all configs are in the reference.
   */
  all?: boolean;
}
