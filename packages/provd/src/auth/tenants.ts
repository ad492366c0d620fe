import type { TenantTree } from '@dialtone/auth';
import { errors } from '../errors.js';
import type { JsonValue, Store } from '../store/index.js';

const KEY = 'tenants';

export interface TenantEntry {
  /** The parent tenant; absent: directly under the master (provd) tenant. */
  parent_uuid?: string;
  /** The tenant's provisioning key (configure parameter `provisioning_key`). */
  provisioning_key?: string;
}

const TENANT_UUID = /^[\w-]{1,64}$/;

/**
 * The tenant tree provd knows (kept in the database under `tenants`), with the provd tenant as
 * the master at the top. Tenants nobody declared sit directly under the master. Read from the
 * database once, then kept in memory and written through.
 */
export class TenantRegistry {
  private entries: Record<string, TenantEntry> = {};
  private byKey = new Map<string, string>();

  constructor(
    private readonly store: Store,
    readonly master: string,
  ) {}

  async load(): Promise<void> {
    const value = await this.store.meta.get(KEY);
    this.set(value && typeof value === 'object' && !Array.isArray(value) ? (structuredClone(value) as Record<string, TenantEntry>) : {});
  }

  private set(entries: Record<string, TenantEntry>): void {
    this.entries = entries;
    this.byKey = new Map();
    for (const [tenant, entry] of Object.entries(entries)) if (entry.provisioning_key) this.byKey.set(entry.provisioning_key, tenant);
  }

  tree(): TenantTree {
    const entries = this.entries;
    const master = this.master;
    return {
      master,
      parentOf: (t) => (t === master ? undefined : (entries[t]?.parent_uuid ?? master)),
      all: () => Object.keys(entries),
    };
  }

  get(tenant: string): TenantEntry | undefined {
    return this.entries[tenant];
  }

  list(): Record<string, TenantEntry> {
    return structuredClone(this.entries);
  }

  /** The tenant holding this provisioning key, if any. */
  tenantOfKey(key: string): string | undefined {
    return this.byKey.get(key);
  }

  /** Applies `change` to a tenant's entry in one transaction (null removes the tenant). */
  async update(tenant: string, change: (entry: TenantEntry) => TenantEntry | null): Promise<void> {
    if (!TENANT_UUID.test(tenant)) throw errors.badRequest(`invalid tenant uuid ${JSON.stringify(tenant)}`);
    await this.store.transaction(async (tx) => {
      const current = ((await tx.meta.get(KEY)) as Record<string, TenantEntry> | undefined) ?? {};
      const next = change(structuredClone(current[tenant] ?? {}));
      if (next === null) delete current[tenant];
      else current[tenant] = next;
      await tx.meta.set(KEY, current as unknown as JsonValue);
      this.set(current);
    });
  }
}
