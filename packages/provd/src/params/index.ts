import { EventEmitter } from 'node:events';
import type { TenantRegistry } from '../auth/index.js';
import { errors } from '../errors.js';
import type { JsonValue, Store } from '../store/index.js';
import { paramDefinitions, type ParamDefinition } from './definitions.js';

export { paramDefinitions, PROVISIONING_KEY, type ParamDefinition } from './definitions.js';

const KEY = 'params';

export interface ParamChange {
  id: string;
  /** The tenant for per-tenant parameters. */
  tenant?: string;
  value: unknown;
}

/**
 * The configure parameters (`/configure`): global ones kept in the database under `params`,
 * the provisioning key per tenant in the tenant registry. Each change is emitted as `change`
 * (ParamChange) once committed, for whatever depends on it (plugin manager, identification).
 */
export class ParamsService extends EventEmitter<{ change: [ParamChange] }> {
  private values: Record<string, string> = {};

  constructor(
    private readonly store: Store,
    private readonly tenants: TenantRegistry,
  ) {
    super();
  }

  async load(): Promise<void> {
    const stored = await this.store.meta.get(KEY);
    this.values = stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...(stored as Record<string, string>) } : {};
  }

  definition(id: string): ParamDefinition {
    const def = paramDefinitions.find((d) => d.id === id);
    if (!def) throw errors.unknownParam(`no configure parameter ${JSON.stringify(id)} (known: ${paramDefinitions.map((d) => d.id).join(', ')})`);
    return def;
  }

  /** The value as the API shows it (null when unset). */
  get(id: string, tenant: string): unknown {
    const def = this.definition(id);
    const stored = def.perTenant ? this.tenants.get(tenant)?.provisioning_key : this.values[id];
    if (stored === undefined) return null;
    return def.present ? def.present(stored) : stored;
  }

  /** The raw stored string of a global parameter (e.g. `plugin_server`), or undefined. */
  value(id: string): string | undefined {
    return this.values[id];
  }

  /** Sets (or with null clears) a parameter. Validation errors are DT_ERR_INVALID_PARAM (400). */
  async set(id: string, tenant: string, input: unknown): Promise<void> {
    const def = this.definition(id);
    if (input !== null && typeof input !== 'string') throw errors.invalidParam(`${id}: expected a string or null, got ${JSON.stringify(input)}`);
    const value = input === null ? null : def.parse(input);
    if (def.perTenant) {
      if (value !== null) {
        const holder = this.tenants.tenantOfKey(value);
        if (holder !== undefined && holder !== tenant) throw errors.invalidParam(`${id}: this key is already used by another tenant`);
      }
      await this.tenants.update(tenant, (entry) => {
        if (value === null) delete entry.provisioning_key;
        else entry.provisioning_key = value;
        return entry;
      });
    } else {
      await this.store.transaction(async (tx) => {
        const current = { ...(((await tx.meta.get(KEY)) as Record<string, string> | undefined) ?? {}) };
        if (value === null) delete current[id];
        else current[id] = value;
        await tx.meta.set(KEY, current as JsonValue);
        this.values = current;
      });
    }
    this.emit('change', { id, ...(def.perTenant ? { tenant } : {}), value: value === null ? null : def.present ? def.present(value) : value });
  }
}
