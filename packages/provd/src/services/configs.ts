import { randomUUID } from 'node:crypto';
import { cloneOrdered } from '@dialtone/jinja';
import { isDeepStrictEqual } from 'node:util';
import { errors } from '../errors.js';
import { normalizeConfig, type ConfigDoc } from '../documents/index.js';
import { flattenRawConfig, type FindOptions, type Selector, type Store, type TxStore } from '../store/index.js';

export interface ConfigServiceOptions {
  store: Store;
  baseRawConfig: Readonly<Record<string, unknown>>;
}

/**
 * Config CRUD, flattening and autocreate. Configs are not tenant-scoped (as in the reference).
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

  find(selector: Selector = {}, options: FindOptions = {}): Promise<ConfigDoc[]> {
    return this.opts.store.configs.find(selector, options) as Promise<ConfigDoc[]>;
  }

  async get(id: string): Promise<ConfigDoc> {
    const doc = await this.opts.store.configs.get(id);
    if (!doc) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
    return doc as ConfigDoc;
  }

  private async checkParents(tx: TxStore, config: { parent_ids: string[] }): Promise<void> {
    for (const [i, parent] of config.parent_ids.entries()) {
      if (!(await tx.configs.get(parent))) {
        throw errors.invalidDocument(`invalid config: parent_ids[${i}]: no config with id ${JSON.stringify(parent)}`);
      }
    }
  }

  async create(input: unknown): Promise<string> {
    const config = normalizeConfig(input);
    return this.commit(async (tx) => {
      await this.checkParents(tx, config);
      return tx.configs.insert(config);
    });
  }

  async replace(id: string, input: unknown): Promise<void> {
    const config = { ...normalizeConfig(input), id };
    await this.commit(async (tx) => {
      const before = await tx.configs.get(id);
      if (!before) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
      await this.checkParents(tx, config);
      // an identical document is not written: no change record, no reconfiguration
      if (!isDeepStrictEqual(before, config)) await tx.configs.update(config);
    });
  }

  async delete(id: string): Promise<void> {
    await this.commit(async (tx) => {
      const before = await tx.configs.get(id);
      if (!before) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
      if (before.deletable === false) throw errors.notDeletable(`config ${JSON.stringify(id)} is not deletable`);
      await tx.configs.delete(id);
    });
  }

  /** The flattened raw config (base, ancestors, own), or 404. */
  async rawConfig(id: string): Promise<Record<string, unknown>> {
    const raw = await flattenRawConfig(this.opts.store.configs, id, this.opts.baseRawConfig);
    if (!raw) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
    return raw;
  }

  /**
   * Creates a transient config under the `role: autocreate` config (the autoprov account),
   * or returns null when there is none or it has no SIP line 1.
   */
  async autocreate(tx?: TxStore): Promise<ConfigDoc | null> {
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
      };
      await t.configs.insert(config);
      return config as ConfigDoc;
    };
    return tx ? run(tx) : this.opts.store.transaction(run);
  }
}
