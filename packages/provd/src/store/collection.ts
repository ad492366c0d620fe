/**
 * One document collection over SQL, shared by both backends. Reads go through `ctx.reader()`,
 * writes through `ctx.write()` (one serialized transaction: the caller's, or a fresh one).
 */
import { stringifyOrderedJson } from '@dialtone/jinja';
import { errors } from '../errors.js';
import type { ChangeSet } from './changes.js';
import { assertValidId, checkDocument, idProblem, uuidId } from './document.js';
import { compileFindOptions } from './find-options.js';
import type { CompiledFind } from './find-options.js';
import { columnFor, planWhere } from './plan.js';
import { project } from './projection.js';
import { compileSelector, matches } from './selector.js';
import { sortDocs } from './sort.js';
import type { Dialect, SqlRunner } from './sql.js';
import { columnValues, isIndexableString } from './tables.js';
import type { TableSpec } from './tables.js';
import type { Collection, Doc, FindOptions, IdGenerator, Selector } from './types.js';

export interface CollectionContext {
  readonly dialect: Dialect;
  readonly idGenerator: IdGenerator;
  /** The runner for reads; throws when the handle belongs to a finished transaction. */
  reader(): SqlRunner;
  /** `changes` collects what the transaction writes, for the change record published after its commit. */
  write<T>(fn: (runner: SqlRunner, changes: ChangeSet) => Promise<T>): Promise<T>;
}

/** SQL text of one table, made once: every transaction makes its own collection objects. */
class TableSql {
  readonly insert: string;
  /** The indexed columns, then `irregular`: what `indexed()` returns values for, in order. */
  readonly indexedNames: readonly string[];
  readonly selectIndexed: string;
  /** UPDATE statements by the set of indexed columns they rewrite (a bit mask over indexedNames). */
  private readonly updates = new Map<number, string>();
  private readonly equals = new Map<string, string>();

  constructor(private readonly spec: TableSpec) {
    this.indexedNames = [...spec.columns.map((c) => c.name), 'irregular'];
    const names = ['id', 'doc', ...this.indexedNames];
    this.insert = `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`;
    this.selectIndexed = `SELECT ${this.indexedNames.join(', ')} FROM ${spec.table} WHERE id = ?`;
  }

  /** `SELECT doc … WHERE <column> = ? ORDER BY id` (the order find() gives), with `LIMIT ?` or not. */
  equal(column: string, limited: boolean): string {
    const key = `${column}:${limited}`;
    let sql = this.equals.get(key);
    if (sql === undefined) {
      sql = `SELECT doc FROM ${this.spec.table} WHERE ${column} = ? ORDER BY id ASC${limited ? ' LIMIT ?' : ''}`;
      this.equals.set(key, sql);
    }
    return sql;
  }

  update(mask: number): string {
    let sql = this.updates.get(mask);
    if (sql === undefined) {
      const sets = ['doc = ?', ...this.indexedNames.filter((_, i) => mask & (1 << i)).map((n) => `${n} = ?`)];
      sql = `UPDATE ${this.spec.table} SET ${sets.join(', ')} WHERE id = ?`;
      this.updates.set(mask, sql);
    }
    return sql;
  }
}

const tableSql = new Map<TableSpec, TableSql>();

function sqlOf(spec: TableSpec): TableSql {
  let sql = tableSql.get(spec);
  if (!sql) tableSql.set(spec, (sql = new TableSql(spec)));
  return sql;
}

export class SqlCollection implements Collection {
  private readonly sql: TableSql;

  constructor(
    protected readonly spec: TableSpec,
    protected readonly ctx: CollectionContext,
  ) {
    this.sql = sqlOf(spec);
  }

  async insert(doc: Omit<Doc, 'id'> & { id?: string }): Promise<string> {
    const { noun } = this.spec;
    checkDocument(doc, noun);
    if (doc.id !== undefined) assertValidId(doc.id, noun);
    return this.ctx.write(async (runner, changes) => {
      const id = doc.id ?? (await this.newId(runner));
      const stored = (doc.id === undefined ? { id, ...doc } : doc) as Doc;
      const changed = await runner.run(this.sql.insert, [id, stringifyOrderedJson(stored), ...this.indexed(stored)]);
      if (changed === 0) throw errors.duplicateId(`id: a ${noun} with id ${JSON.stringify(id)} already exists`);
      await this.afterWrite(runner, stored, false);
      changes.add(this.spec.table, 'insert', id);
      return id;
    });
  }

  async update(doc: Doc): Promise<void> {
    const { noun } = this.spec;
    checkDocument(doc, noun);
    assertValidId(doc.id, noun);
    await this.ctx.write(async (runner, changes) => {
      // only the indexed columns whose value changes are written: rewriting an unchanged one
      // still costs the database an index delete and insert (7 indexes on devices)
      const [stored] = await runner.all(this.sql.selectIndexed, [doc.id]);
      if (!stored) throw this.notFound(doc.id);
      const values = this.indexed(doc);
      let mask = 0;
      const changedValues: unknown[] = [];
      this.sql.indexedNames.forEach((name, i) => {
        if (stored[name] === values[i]) return;
        mask |= 1 << i;
        changedValues.push(values[i]);
      });
      await runner.run(this.sql.update(mask), [stringifyOrderedJson(doc), ...changedValues, doc.id]);
      await this.afterWrite(runner, doc, true);
      changes.add(this.spec.table, 'update', doc.id);
    });
  }



  async delete(id: string): Promise<void> {
    if (idProblem(id)) throw this.notFound(id);
    await this.ctx.write(async (runner, changes) => {
      const changed = await runner.run(`DELETE FROM ${this.spec.table} WHERE id = ?`, [id]);
      if (changed === 0) throw this.notFound(id);
      await this.afterDelete(runner, id);
      changes.add(this.spec.table, 'delete', id);
    });
  }

  async get(id: string): Promise<Doc | null> {
    if (idProblem(id)) return null;
    const rows = await this.ctx.reader().all(`SELECT doc FROM ${this.spec.table} WHERE id = ?`, [id]);
    return rows.length ? this.ctx.dialect.parseDoc(rows[0].doc) : null;
  }

  async find(selector?: Selector, options?: FindOptions): Promise<Doc[]> {
    const simple = this.simpleFind(selector, options);
    if (simple) {
      const rows = await this.ctx.reader().all(simple.sql, simple.params);
      return rows.map((row) => this.ctx.dialect.parseDoc(row.doc));
    }
    const conditions = compileSelector(selector);
    const opts = compileFindOptions(options);
    const runner = this.ctx.reader();
    const ranges = conditions.some((c) => c.op === 'gt' || c.op === 'ge' || c.op === 'lt' || c.op === 'le');
    const paged = opts.limit > 0 && this.spec.columns.some((c) => c.name === 'tenant_uuid');
    const plan = planWhere(this.spec, conditions, this.ctx.dialect, { exactRanges: ranges && !(await this.hasIrregular(runner)), ...(paged ? { noIndex: ['tenant_uuid'] } : {}) });
    const { table } = this.spec;
    const parse = (rows: Record<string, unknown>[]) => rows.map((row) => this.ctx.dialect.parseDoc(row.doc));

    const order = plan.residual.length === 0 ? await this.sqlOrder(runner, opts) : null;
    if (order !== null) {
      const page = this.sqlPage(opts);
      const rows = await runner.all(`SELECT doc FROM ${table} ${plan.where} ${order} ${page.sql}`, [...plan.params, ...page.params]);
      return parse(rows).map((doc) => project(doc, opts.fields));
    }
    let docs = parse(await runner.all(`SELECT doc FROM ${table} ${plan.where} ORDER BY id`, plan.params));
    if (plan.residual.length) docs = docs.filter((doc) => matches(doc, plan.residual));
    if (opts.sort) sortDocs(docs, opts.sort.path, opts.sort.order);
    const end = opts.limit ? opts.skip + opts.limit : undefined;
    return docs.slice(opts.skip, end).map((doc) => project(doc, opts.fields));
  }

  async findOne(selector?: Selector): Promise<Doc | null> {
    const [doc] = await this.find(selector, { limit: 1 });
    return doc ?? null;
  }

  async count(selector?: Selector): Promise<number> {
    const plan = planWhere(this.spec, compileSelector(selector), this.ctx.dialect);
    const runner = this.ctx.reader();
    if (plan.residual.length === 0) {
      const rows = await runner.all(`SELECT count(*) AS n FROM ${this.spec.table} ${plan.where}`, plan.params);
      return Number(rows[0].n);
    }
    const rows = await runner.all(`SELECT doc FROM ${this.spec.table} ${plan.where}`, plan.params);
    return rows.filter((row) => matches(this.ctx.dialect.parseDoc(row.doc), plan.residual)).length;
  }

  /**
   * The SQL of the commonest query — one indexed key equal to a string, maybe a limit, nothing
   * else (find a device by MAC, by address; the autocreate config) — without compiling the
   * selector: the answer is the same, for a fraction of the work.
   */
  private simpleFind(selector: Selector | undefined, options: FindOptions | undefined): { sql: string; params: unknown[] } | null {
    if (!selector || (options && (options.fields || options.sort || options.skip))) return null;
    let key: string | undefined;
    for (const k in selector) {
      if (key !== undefined) return null;
      key = k;
    }
    if (key === undefined) return null;
    const value = (selector as Record<string, unknown>)[key];
    const column = columnFor(this.spec, key);
    if (!column || column.kind !== 'text' || !isIndexableString(value)) return null;
    const limit = options?.limit;
    if (limit === undefined || limit === null || limit === 0) return { sql: this.sql.equal(key, false), params: [value] };
    if (!Number.isSafeInteger(limit) || limit < 0) return null;
    return { sql: this.sql.equal(key, true), params: [value, limit] };
  }

  /** Extra writes that keep side tables in step (configs: parent links). */
  protected async afterWrite(_runner: SqlRunner, _doc: Doc, _replaced: boolean): Promise<void> {}
  protected async afterDelete(_runner: SqlRunner, _id: string): Promise<void> {}

  protected notFound(id: unknown) {
    return errors.notFound(`no ${this.spec.noun} with id ${JSON.stringify(id)}`);
  }

  private indexed(doc: Doc): unknown[] {
    const { values, irregular } = columnValues(this.spec, doc);
    return [...values, irregular ? 1 : 0];
  }

  /** ORDER BY that gives exactly the JS order, or null when SQL cannot. */
  private async sqlOrder(runner: SqlRunner, opts: CompiledFind): Promise<string | null> {
    const sort = opts.sort;
    if (!sort || sort.key === 'id') return `ORDER BY id ${sort?.order ?? 'ASC'}`;
    const column = sort.path.length === 1 ? columnFor(this.spec, sort.key) : undefined;
    if (!column) return null;
    // an irregular row keeps NULL in some column although its value is not missing
    if (await this.hasIrregular(runner)) return null;
    return sort.order === 'ASC' ? `ORDER BY ${column.name} ASC NULLS FIRST, id ASC` : `ORDER BY ${column.name} DESC NULLS LAST, id ASC`;
  }

  private async hasIrregular(runner: SqlRunner): Promise<boolean> {
    return (await runner.all(`SELECT 1 AS x FROM ${this.spec.table} WHERE irregular = 1 LIMIT 1`)).length > 0;
  }

  private sqlPage(opts: CompiledFind): { sql: string; params: number[] } {
    const parts: string[] = [];
    const params: number[] = [];
    if (opts.limit) {
      parts.push('LIMIT ?');
      params.push(opts.limit);
    } else if (opts.skip && this.ctx.dialect.kind === 'sqlite') {
      parts.push('LIMIT -1');
    }
    if (opts.skip) {
      parts.push('OFFSET ?');
      params.push(opts.skip);
    }
    return { sql: parts.join(' '), params };
  }

  private async newId(runner: SqlRunner): Promise<string> {
    if (this.ctx.idGenerator !== 'numeric') return uuidId();
    const { table } = this.spec;
    const rows = await runner.all('SELECT next_value FROM id_sequences WHERE name = ?', [table]);
    let next = rows.length ? Number(rows[0].next_value) : 0;
    while ((await runner.all(`SELECT 1 AS x FROM ${table} WHERE id = ?`, [String(next)])).length) next++;
    await runner.run(
      'INSERT INTO id_sequences (name, next_value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET next_value = excluded.next_value',
      [table, next + 1],
    );
    return String(next);
  }
}
