import { EventEmitter } from 'node:events';
import type { TenantRegistry } from '../auth/index.js';
import { errors } from '../errors.js';
import { idsIn, type JsonValue, type Store } from '../store/index.js';
import { paramDefinitions, type ParamDefinition } from './definitions.js';

export { paramDefinitions, PROVISIONING_KEY, type ParamDefinition } from './definitions.js';

const KEY = 'params';
/** Where TenantRegistry keeps the tenants and their provisioning keys. */
const TENANTS_KEY = 'tenants';
const PROVISIONING_KEY_ID = 'provisioning_key';

export interface ParamChange {
  id: string;
  /** The tenant for per-tenant parameters. */
  tenant?: string;
  value: unknown;
}

/**
 * The configure parameters (`/configure`): global ones kept in the database under `params`,
 * the provisioning key per tenant in the tenant registry (`tenants`). Both are followed through
 * the store's change feed, so a parameter set through any node sharing the database reaches this
 * one: each change is emitted as `change` (ParamChange) on every node, once committed, for
 * whatever depends on it (plugin manager, url_key reconfiguration).
 */
export class ParamsService extends EventEmitter<{ change: [ParamChange] }> {
  private values: Record<string, string> = {};
  /** tenant → provisioning key, as last emitted. */
  private keys = new Map<string, string>();
  private reloading: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly tenants: TenantRegistry,
  ) {
    super();
  }

  /** Reads the parameters, then follows their changes on the feed (until `close`). */
  async load(): Promise<void> {
    this.values = await this.readValues();
    this.keys = this.provisioningKeys();
    this.unsubscribe ??= this.store.changes.subscribe((record) => {
      const params = record.resync || idsIn(record, 'parameters').includes(KEY);
      const tenants = record.resync || idsIn(record, 'parameters').includes(TENANTS_KEY);
      if (!params && !tenants) return;
      // one reload at a time, in feed order: each reads the committed state (a failure is the feed's to report)
      const run = this.reloading.then(() => this.reload(params, tenants));
      this.reloading = run.catch(() => {});
      return run;
    });
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async readValues(): Promise<Record<string, string>> {
    const stored = await this.store.meta.get(KEY);
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...(stored as Record<string, string>) } : {};
  }

  private provisioningKeys(): Map<string, string> {
    const keys = new Map<string, string>();
    for (const [tenant, entry] of Object.entries(this.tenants.list())) if (entry.provisioning_key) keys.set(tenant, entry.provisioning_key);
    return keys;
  }

  private async reload(params: boolean, tenants: boolean): Promise<void> {
    const changes: ParamChange[] = [];
    if (params) {
      const before = this.values;
      this.values = await this.readValues();
      for (const def of paramDefinitions) {
        if (def.perTenant || before[def.id] === this.values[def.id]) continue;
        changes.push({ id: def.id, value: this.present(def, this.values[def.id]) });
      }
    }
    if (tenants) {
      await this.tenants.load();
      const before = this.keys;
      this.keys = this.provisioningKeys();
      for (const tenant of new Set([...before.keys(), ...this.keys.keys()])) {
        if (before.get(tenant) !== this.keys.get(tenant)) changes.push({ id: PROVISIONING_KEY_ID, tenant, value: this.keys.get(tenant) ?? null });
      }
    }
    for (const change of changes) this.emit('change', change);
  }

  private present(def: ParamDefinition, stored: string | undefined): unknown {
    if (stored === undefined) return null;
    return def.present ? def.present(stored) : stored;
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
      });
    }
    // this node applies it from the feed, as every other node does: wait for that here
    await this.store.changes.settled();
  }
}
