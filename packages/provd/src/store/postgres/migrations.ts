/**
 * PostgreSQL schema, as numbered steps. Never edit a released step: add a new one. Text columns
 * use the "C" collation so ordering is by code point, as on SQLite; documents are `json` (not
 * `jsonb`) so they round-trip exactly: key order kept, and `\u0000` accepted.
 */
import type { Migration } from '../migrate.js';

const C = 'text COLLATE "C"';
const indexed = (table: string, columns: string[]) =>
  columns.map((c) => `CREATE INDEX ${table}_${c.replace(/, /g, '_')} ON ${table} (${c}, id)`);

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'documents',
    statements: [
      `CREATE TABLE devices (
        id ${C} PRIMARY KEY, doc json NOT NULL,
        mac ${C}, ip ${C}, sn ${C}, uuid ${C}, tenant_uuid ${C}, plugin ${C}, config ${C},
        irregular smallint NOT NULL DEFAULT 0)`,
      ...indexed('devices', ['mac', 'ip', 'sn', 'uuid', 'tenant_uuid, plugin', 'plugin', 'config']),
      'CREATE INDEX devices_irregular ON devices (irregular) WHERE irregular = 1',
      `CREATE TABLE configs (
        id ${C} PRIMARY KEY, doc json NOT NULL,
        role ${C}, transient smallint,
        irregular smallint NOT NULL DEFAULT 0)`,
      ...indexed('configs', ['role', 'transient']),
      'CREATE INDEX configs_irregular ON configs (irregular) WHERE irregular = 1',
      `CREATE TABLE config_parents (
        config_id ${C} NOT NULL, parent_id ${C} NOT NULL, position integer NOT NULL,
        PRIMARY KEY (config_id, position))`,
      'CREATE INDEX config_parents_parent ON config_parents (parent_id, config_id)',
      `CREATE TABLE meta (key ${C} PRIMARY KEY, value json NOT NULL)`,
      `CREATE TABLE id_sequences (name ${C} PRIMARY KEY, next_value bigint NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'change feed',
    statements: [`CREATE TABLE changes (seq bigint PRIMARY KEY, node ${C} NOT NULL, record json NOT NULL, at text NOT NULL)`],
  },
];
