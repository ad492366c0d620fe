import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { errors } from '../errors.js';
import { normalizeConfig, type ConfigDoc } from '../documents/index.js';
import { flattenRawConfig, type FindOptions, type Selector, type Store, type TxStore } from '../store/index.js';
import type { Lifecycle } from './lifecycle.js';

export interface ConfigServiceOptions {
  store: Store;
  baseRawConfig: Readonly<Record<string, unknown>>;
  lifecycle: () => Lifecycle;
}

/** Config CRUD, flattening and autocreate. Configs are not tenant-scoped (as in the reference). */
export class ConfigService {
  constructor(private readonly opts: ConfigServiceOptions) {}

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
    return this.opts.store.transaction(async (tx) => {
      await this.checkParents(tx, config);
      return tx.configs.insert(config);
    });
  }

  async replace(id: string, input: unknown): Promise<void> {
    const config = { ...normalizeConfig(input), id };
    const changed = await this.opts.store.transaction(async (tx) => {
      const before = await tx.configs.get(id);
      if (!before) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
      await this.checkParents(tx, config);
      if (isDeepStrictEqual(before, config)) return false;
      await tx.configs.update(config);
      return true;
    });
    if (changed) await this.opts.lifecycle().configsChanged([id]);
  }

  async delete(id: string): Promise<void> {
    const descendants = await this.opts.store.transaction(async (tx) => {
      const before = await tx.configs.get(id);
      if (!before) throw errors.notFound(`no config with id ${JSON.stringify(id)}`);
      if (before.deletable === false) throw errors.notDeletable(`config ${JSON.stringify(id)} is not deletable`);
      const descendants = await tx.configs.descendants(id);
      await tx.configs.delete(id);
      return descendants;
    });
    await this.opts.lifecycle().configDeleted(id, descendants);
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
        raw_config: structuredClone(template.raw_config),
        transient: true,
      };
      await t.configs.insert(config);
      return config as ConfigDoc;
    };
    return tx ? run(tx) : this.opts.store.transaction(run);
  }
}
