/** SQLite schema, as numbered steps. Never edit a released step: add a new one. */
import type { Migration } from '../migrate.js';

const indexed = (table: string, columns: string[]) =>
  columns.map((c) => `CREATE INDEX ${table}_${c.replace(/, /g, '_')} ON ${table} (${c}, id)`);

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'documents',
    statements: [
      `CREATE TABLE devices (
        id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL,
        mac TEXT, ip TEXT, sn TEXT, uuid TEXT, tenant_uuid TEXT, plugin TEXT, config TEXT,
        irregular INTEGER NOT NULL DEFAULT 0)`,
      ...indexed('devices', ['mac', 'ip', 'sn', 'uuid', 'tenant_uuid, plugin', 'plugin', 'config']),
      'CREATE INDEX devices_irregular ON devices (irregular) WHERE irregular = 1',
      `CREATE TABLE configs (
        id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL,
        role TEXT, transient INTEGER,
        irregular INTEGER NOT NULL DEFAULT 0)`,
      ...indexed('configs', ['role', 'transient']),
      'CREATE INDEX configs_irregular ON configs (irregular) WHERE irregular = 1',
      `CREATE TABLE config_parents (
        config_id TEXT NOT NULL, parent_id TEXT NOT NULL, position INTEGER NOT NULL,
        PRIMARY KEY (config_id, position))`,
      'CREATE INDEX config_parents_parent ON config_parents (parent_id, config_id)',
      'CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)',
      'CREATE TABLE id_sequences (name TEXT PRIMARY KEY NOT NULL, next_value INTEGER NOT NULL)',
    ],
  },
  {
    version: 2,
    name: 'change feed',
    statements: ['CREATE TABLE changes (seq INTEGER PRIMARY KEY NOT NULL, node TEXT NOT NULL, record TEXT NOT NULL, at TEXT NOT NULL)'],
  },
];
