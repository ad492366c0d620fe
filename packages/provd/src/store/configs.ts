/**
 * The configs collection: documents plus the `config_parents` links that mirror each config's
 * `parent_ids`, which make children, descendants and ancestor loading single queries.
 */
import { SqlCollection } from './collection.js';
import type { CollectionContext } from './collection.js';
import { idProblem } from './document.js';
import type { Dialect, SqlRunner } from './sql.js';
import { configsTable, parentIds } from './tables.js';
import type { ConfigCollection, Doc } from './types.js';

/**
 * The docs of a config and its ancestors (`doc` null for a parent that names no config), one
 * parameter: the config id. Each doc is read by a scalar subquery, one primary-key lookup per
 * ancestor: joined instead, both SQLite and PostgreSQL scanned the whole configs table on every
 * call. UNION (not UNION ALL) drops ids already seen, which also ends cycles.
 */
export function ancestorsSql(dialect: Dialect): string {
  return `WITH RECURSIVE a(id) AS (
    SELECT ${dialect.textParam}
    UNION
    SELECT cp.parent_id FROM config_parents cp JOIN a ON cp.config_id = a.id
  ) SELECT (SELECT c.doc FROM configs c WHERE c.id = a.id) AS doc FROM a ORDER BY a.id`;
}

export class SqlConfigCollection extends SqlCollection implements ConfigCollection {
  constructor(ctx: CollectionContext) {
    super(configsTable, ctx);
  }

  async children(id: string): Promise<string[]> {
    if (idProblem(id)) return [];
    const rows = await this.ctx.reader().all(
      'SELECT DISTINCT config_id FROM config_parents WHERE parent_id = ? ORDER BY config_id',
      [id],
    );
    return rows.map((row) => row.config_id as string);
  }

  async descendants(id: string): Promise<string[]> {
    if (idProblem(id)) return [];
    const p = this.ctx.dialect.textParam;
    // UNION (not UNION ALL) drops rows already seen, which also ends cycles
    const rows = await this.ctx.reader().all(
      `WITH RECURSIVE d(id) AS (
         SELECT config_id FROM config_parents WHERE parent_id = ${p}
         UNION
         SELECT cp.config_id FROM config_parents cp JOIN d ON cp.parent_id = d.id
       ) SELECT id FROM d WHERE id <> ${p} ORDER BY id`,
      [id, id],
    );
    return rows.map((row) => row.id as string);
  }

  async ancestors(id: string): Promise<Doc[]> {
    if (idProblem(id)) return [];
    const rows = await this.ctx.reader().all(ancestorsSql(this.ctx.dialect), [id]);
    const docs: Doc[] = [];
    for (const row of rows) if (row.doc !== null) docs.push(this.ctx.dialect.parseDoc(row.doc));
    return docs;
  }

  protected override async afterWrite(runner: SqlRunner, doc: Doc, replaced: boolean): Promise<void> {
    if (replaced) await runner.run('DELETE FROM config_parents WHERE config_id = ?', [doc.id]);
    const parents = parentIds(doc);
    for (let position = 0; position < parents.length; position++) {
      await runner.run('INSERT INTO config_parents (config_id, parent_id, position) VALUES (?, ?, ?)', [doc.id, parents[position], position]);
    }
  }

  protected override async afterDelete(runner: SqlRunner, id: string): Promise<void> {
    await runner.run('DELETE FROM config_parents WHERE config_id = ?', [id]);
  }
}
