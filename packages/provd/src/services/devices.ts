import { errors } from '../errors.js';
import { normalizeDevice, type DeviceDoc } from '../documents/index.js';
import { collectTransientConfigs, type FindOptions, type Selector, type Store, type TxStore } from '../store/index.js';
import { configVisible } from './configs.js';
import type { TenantScope } from './tenant-scope.js';
import { assertMacFree } from './unique-mac.js';

export interface DeviceServiceOptions {
  store: Store;
  provdTenant: string;
}

/**
 * Device CRUD with the reference's rules: normalization, computed keys, transient GC. Each
 * change is one transaction; the store announces it on its change feed, and whoever reacts
 * (the configurator renders files) does so from there. A write method resolves once those
 * reactions are done (`store.changes.settled`), so a REST PUT answers with the device configured.
 */
export class DeviceService {
  constructor(private readonly opts: DeviceServiceOptions) {}

  /** Commits `fn`, then waits for what the feed's listeners do about it. */
  private async commit<T>(fn: (tx: TxStore) => Promise<T>): Promise<T> {
    const { value, change } = await this.opts.store.transactionWithChange(fn);
    if (change) await this.opts.store.changes.settled(change.seq);
    return value;
  }

  private withComputed(doc: Record<string, unknown>): DeviceDoc {
    return { ...doc, is_new: doc.tenant_uuid === this.opts.provdTenant } as DeviceDoc;
  }

  async find(scope: TenantScope, selector: Selector = {}, options: FindOptions = {}): Promise<DeviceDoc[]> {
    const fields = options.fields;
    // is_new derives from tenant_uuid, so a projection asking for it must fetch that.
    const wantsIsNew = !fields || fields.includes('is_new');
    const query = fields && wantsIsNew ? { ...options, fields: [...fields, 'tenant_uuid'] } : options;
    const docs = await this.opts.store.devices.find(selector, query);
    const out: DeviceDoc[] = [];
    for (const d of docs) {
      if (!scope.canSee(d.tenant_uuid as string | undefined)) continue;
      // the store parses a fresh document for every find: computed keys are added in place
      if (wantsIsNew) {
        d.is_new = d.tenant_uuid === this.opts.provdTenant;
        if (fields && !fields.includes('tenant_uuid')) delete d.tenant_uuid;
      }
      out.push(d as DeviceDoc);
    }
    return out;
  }

  async get(scope: TenantScope, id: string): Promise<DeviceDoc> {
    const doc = await this.opts.store.devices.get(id);
    if (!doc || !scope.canSee(doc.tenant_uuid as string | undefined)) throw errors.notFound(`no device with id ${JSON.stringify(id)}`);
    return this.withComputed(doc);
  }

  /** The device's config must exist and be one the caller sees (shared, or of its tenants). */
  private async checkConfigExists(tx: TxStore, device: { config?: string }, scope: TenantScope): Promise<void> {
    if (device.config === undefined) return;
    const config = await tx.configs.get(device.config);
    if (!config || !configVisible(config, scope)) {
      throw errors.invalidDocument(`invalid device: config: no config with id ${JSON.stringify(device.config)}`);
    }
  }

  async create(scope: TenantScope, input: unknown): Promise<string> {
    const device = normalizeDevice(input);
    if (device.tenant_uuid !== undefined && !scope.canSee(device.tenant_uuid)) {
      throw errors.invalidDocument(`invalid device: tenant_uuid: not a tenant of the caller`);
    }
    const doc = { ...device, tenant_uuid: device.tenant_uuid ?? scope.tenant, configured: false };
    return this.commit(async (tx) => {
      await this.checkConfigExists(tx, doc, scope);
      await assertMacFree(tx, doc.mac);
      return tx.devices.insert(doc);
    });
  }

  /**
   * Full replace. A device still in the provd tenant (is_new) is claimed by the caller's
   * tenant; otherwise it keeps its tenant (unlike the reference, the body cannot move it).
   */
  async replace(scope: TenantScope, id: string, input: unknown): Promise<void> {
    const device = normalizeDevice(input);
    await this.commit(async (tx) => {
      const before = (await tx.devices.get(id)) as DeviceDoc | null;
      if (!before || !scope.canSee(before.tenant_uuid)) throw errors.notFound(`no device with id ${JSON.stringify(id)}`);
      await this.checkConfigExists(tx, device, scope);
      await assertMacFree(tx, device.mac, id);
      const tenant = before.tenant_uuid === this.opts.provdTenant ? scope.tenant : before.tenant_uuid;
      const after: DeviceDoc = {
        ...device,
        id,
        tenant_uuid: tenant,
        configured: before.configured ?? false,
        ...(before.configure_error ? { configure_error: before.configure_error } : {}),
        // a phone that uses its provisioning credentials keeps needing them (re-enrol: add the device again)
        ...(before.provisioning_enrolled ? { provisioning_enrolled: true } : {}),
      };
      await tx.devices.update(after);
      if (before.config && before.config !== after.config) await collectTransientConfigs(tx, [before.config]);
    });
  }

  async delete(scope: TenantScope, id: string): Promise<void> {
    await this.commit(async (tx) => {
      const before = (await tx.devices.get(id)) as DeviceDoc | null;
      if (!before || !scope.canSee(before.tenant_uuid)) throw errors.notFound(`no device with id ${JSON.stringify(id)}`);
      await tx.devices.delete(id);
      if (before.config) await collectTransientConfigs(tx, [before.config]);
    });
  }

  /**
   * Adds a device identification found, and configures it. `build` runs in the insert's
   * transaction: it returns the device to insert, or the existing one when a concurrent
   * request added it first (then nothing is inserted).
   */
  async addIdentified(build: (tx: TxStore) => Promise<{ insert: Omit<DeviceDoc, 'id'> } | { existing: DeviceDoc }>): Promise<{ device: DeviceDoc; created: boolean }> {
    const outcome = await this.commit(async (tx) => {
      const built = await build(tx);
      if ('existing' in built) return { device: built.existing, created: false };
      const id = await tx.devices.insert(built.insert);
      return { device: { ...built.insert, id } as DeviceDoc, created: true };
    });
    // (configured, or its error, was recorded meanwhile: routing the request needs neither)
    return outcome;
  }

  /** Saves what identification learned about a device, once what it changes is done (configure). */
  async saveIdentified(_before: DeviceDoc, after: DeviceDoc): Promise<DeviceDoc> {
    const { is_new: _isNew, ...doc } = after;
    await this.commit((tx) => tx.devices.update(doc as DeviceDoc));
    return ((await this.opts.store.devices.get(after.id)) as DeviceDoc) ?? doc;
  }

  /** Patches keys provd computes (remote state…) in one transaction. */
  async setComputed(id: string, patch: Partial<DeviceDoc>): Promise<void> {
    await this.commit(async (tx) => {
      const current = await tx.devices.get(id);
      if (!current) return;
      const next = { ...current, ...patch };
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as Record<string, unknown>)[k];
      await tx.devices.update(next);
    });
  }

}

/**
 * Another device now has this address: the others lose it (reference RemoveOutdatedIp), within
 * the caller's transaction.
 */
export async function removeIpFrom(tx: TxStore, ip: string, exceptId?: string): Promise<void> {
  for (const device of await tx.devices.find({ ip })) {
    if (device.id === exceptId) continue;
    const { ip: _ip, ...rest } = device;
    await tx.devices.update(rest as DeviceDoc);
  }
}
