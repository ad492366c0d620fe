import { randomUUID } from 'node:crypto';
import { cloneOrdered } from '@dialtone/jinja';
import { isDeepStrictEqual } from 'node:util';
import { errors } from '../errors.js';
import { normalizeConfig, type ConfigDoc, type ConfigInput } from '../documents/index.js';
import { flattenRawConfig, type Doc, type FindOptions, type Selector, type Store, type TxStore } from '../store/index.js';
import type { TenantScope } from './tenant-scope.js';

export interface ConfigServiceOptions {
  store: Store;
  baseRawConfig: Readonly<Record<string, unknown>>;
}

/** A config without `tenant_uuid` is shared: every tenant sees it, only the master changes it. */
function ownerOf(doc: Doc | ConfigDoc): string | undefined {
  return typeof doc.tenant_uuid === 'string' ? doc.tenant_uuid : undefined;
}

/** Whether the caller sees this config (no scope: provd itself, which sees everything). */
export function configVisible(doc: Doc, scope: TenantScope | undefined): boolean {
  const owner = ownerOf(doc);
  return !scope || scope.all === true || owner === undefined || scope.canSee(owner);
}

/**
 * Config CRUD, flattening and autocreate, scoped to tenants (docs/reference/rest-api.md, "Configs
 * and tenants"): configs the master tenant creates are shared, as every config is in the
 * reference; a config another tenant creates is its own (`tenant_uuid`, never taken from the
 * body), seen and changed by it and the tenants above it only. Methods without a scope act for
 * provd itself (identification, start-up).
 * Changes are announced by the store's change feed; a write resolves once the feed's listeners
 * have reacted (devices under a changed config are queued for reconfiguration by then).
 */
export class ConfigService {
  constructor(private readonly opts: ConfigServiceOptions) {}

  private async commit<T>(fn: (tx: TxStore) => Promise<T>): Promise<T> {
    const { value, change } = await this.opts.store.transactionWithChange(fn);
    if (change) await this.opts.store.changes.settled(change.seq);
    return value;
  }

  /**
   * Configs matching the selector that the caller sees. For a tenant other than the master the
   * visibility test runs on the matches (configs have no indexed tenant column), and skip/limit
   * after it, so pages hold only what the caller sees.
   */
  async find(selector: Selector = {}, options: FindOptions = {}, scope?: TenantScope): Promise<ConfigDoc[]> {
    if (!scope || scope.all) return this.opts.store.configs.find(selector, options) as Promise<ConfigDoc[]>;
    const { skip = 0, limit, fields } = options;
    const query: FindOptions = { ...options, skip: 0, limit: 0 };
    if (fields && !fields.includes('tenant_uuid')) query.fields = [...fields, 'tenant_uuid'];
    const seen = (await this.opts.store.configs.find(selector, query)).filter((doc) => configVisible(doc, scope));
    const page = seen.slice(skip, limit ? skip + limit : undefined);
    if (query.fields !== fields) for (const doc of page) delete doc.tenant_uuid;
    return page as ConfigDoc[];
  }

  async get(id: string, scope?: TenantScope): Promise<ConfigDoc> {
    const doc = await this.opts.store.configs.get(id);
    if (!doc || !configVisible(doc, scope)) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
    return doc as ConfigDoc;
  }

  /** The config, when the caller may change it: its own tenant's (or below), or any for the master. */
  private async writable(tx: TxStore, id: string, scope: TenantScope | undefined): Promise<Doc> {
    const before = await tx.configs.get(id);
    if (!before || !configVisible(before, scope)) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
    if (scope && !scope.all && ownerOf(before) === undefined) {
      throw errors.sharedConfig(`config ${JSON.stringify(id)} is shared by every tenant: only the master tenant changes it`);
    }
    return before;
  }

  /**
   * Parents must exist and be seen by the caller, and be shared or have the config's owner: a
   * config inheriting from another tenant's would show that tenant's settings to whoever sees it.
   */
  private async checkParents(tx: TxStore, config: { parent_ids: string[] }, owner: string | undefined, scope: TenantScope | undefined): Promise<void> {
    for (const [i, parent] of config.parent_ids.entries()) {
      const doc = await tx.configs.get(parent);
      if (!doc || !configVisible(doc, scope)) throw errors.invalidDocument(`invalid config: parent_ids[${i}]: no config with id ${JSON.stringify(parent)}`);
      const parentOwner = ownerOf(doc);
      if (parentOwner !== undefined && parentOwner !== owner) {
        const what = owner === undefined ? 'a shared config' : `a config of tenant ${owner}`;
        throw errors.invalidDocument(`invalid config: parent_ids[${i}]: ${JSON.stringify(parent)} belongs to tenant ${parentOwner}, and ${what} cannot inherit from it`);
      }
    }
  }

  /** The body's `tenant_uuid` is never used: the owner is the caller's tenant (none: shared). */
  private owned(config: ConfigInput, owner: string | undefined): ConfigInput {
    const { tenant_uuid: _ignored, ...rest } = config;
    return owner === undefined ? rest : { ...rest, tenant_uuid: owner };
  }

  async create(input: unknown, scope?: TenantScope): Promise<string> {
    const owner = scope && !scope.all ? scope.tenant : undefined;
    const config = this.owned(normalizeConfig(input), owner);
    return this.commit(async (tx) => {
      await this.checkParents(tx, config, owner, scope);
      return tx.configs.insert(config);
    });
  }

  async replace(id: string, input: unknown, scope?: TenantScope): Promise<void> {
    const normalized = normalizeConfig(input);
    await this.commit(async (tx) => {
      const before = await this.writable(tx, id, scope);
      const owner = ownerOf(before);
      const config = { ...this.owned(normalized, owner), id };
      await this.checkParents(tx, config, owner, scope);
      // an identical document is not written: no change record, no reconfiguration
      if (!isDeepStrictEqual(before, config)) await tx.configs.update(config);
    });
  }

  async delete(id: string, scope?: TenantScope): Promise<void> {
    await this.commit(async (tx) => {
      const before = await this.writable(tx, id, scope);
      if (before.deletable === false) throw errors.notDeletable(`config ${JSON.stringify(id)} is not deletable`);
      await tx.configs.delete(id);
    });
  }

  /** The flattened raw config (base, ancestors, own), or 404. */
  async rawConfig(id: string, scope?: TenantScope): Promise<Record<string, unknown>> {
    if (scope) await this.get(id, scope);
    const raw = await flattenRawConfig(this.opts.store.configs, id, this.opts.baseRawConfig);
    if (!raw) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
    return raw;
  }

  /**
   * Creates a transient config under the `role: autocreate` config (the autoprov account),
   * or returns null when there is none or it has no SIP line 1.
   */
  async autocreate(tx?: TxStore, scope?: TenantScope): Promise<ConfigDoc | null> {
    const owner = scope && !scope.all ? scope.tenant : undefined;
    const run = async (t: TxStore) => {
      const template = (await t.configs.findOne({ role: 'autocreate' })) as ConfigDoc | null;
      if (!template) return null;
      const lines = template.raw_config?.sip_lines as Record<string, unknown> | undefined;
      if (!lines || !lines['1']) return null;
      const config = {
        id: `${template.id}${randomUUID().replaceAll('-', '')}`,
        parent_ids: [template.id],
        raw_config: cloneOrdered(template.raw_config),
        transient: true,
        ...(owner === undefined ? {} : { tenant_uuid: owner }),
      };
      await t.configs.insert(config);
      return config as ConfigDoc;
    };
    return tx ? run(tx) : this.opts.store.transaction(run);
  }
}
