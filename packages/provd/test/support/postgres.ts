/**
 * A PostgreSQL for tests, never skipped: `DATABASE_URL` if set, else a server on 127.0.0.1:5432
 * (database `test`, trust auth, user postgres or root) if one answers, else a throwaway cluster
 * started from the installed binaries (Debian's `postgresql` is installed when missing) in a temp
 * folder, stopped and removed when the process exits. `DIALTONE_TEST_PG=throwaway` forces the
 * throwaway cluster. Every call gets its own schema, dropped by `cleanup`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  url: string;
  schema: string;
  cleanup(): Promise<void>;
}

let server: Promise<string> | undefined;
let counter = 0;

export async function getTestPostgres(): Promise<TestPostgres> {
  server ??= findServer();
  const url = await server;
  const schema = `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    url,
    schema,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

async function findServer(): Promise<string> {
  const forced = process.env.DIALTONE_TEST_PG === 'throwaway';
  if (!forced && process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    if (!(await answers(url))) throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there`);
    return url;
  }
  if (!forced) {
    for (const user of ['postgres', 'root', userInfo().username]) {
      const url = `postgres://${user}@127.0.0.1:5432/test`;
      if (await answers(url)) return url;
    }
  }
  return startThrowawayCluster();
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function postgresBinDir(): string {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    return versions.length ? join(root, versions[0], 'bin') : undefined;
  };
  let dir = find();
  if (!dir) {
    if (process.getuid?.() !== 0) throw new Error('PostgreSQL binaries are missing and installing them needs root: apt-get install postgresql');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'ignore', env });
    dir = find();
    if (!dir) throw new Error('installed Debian postgresql but found no initdb under /usr/lib/postgresql/*/bin');
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: run its tools as `postgres` (or `nobody`) then. */
function runAs(): { user: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { user, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root and found neither a postgres nor a nobody user to run PostgreSQL as');
}

async function startThrowawayCluster(): Promise<string> {
  const bin = postgresBinDir();
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    const [cmd, full] = owner ? ['runuser', ['-u', owner.user, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const r = spawnSync(cmd, full, { encoding: 'utf8', cwd: dir, timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  process.on('exit', () => {
    const stop = ['-D', data, '-m', 'immediate', 'stop'];
    if (owner) spawnSync('runuser', ['-u', owner.user, '--', join(bin, 'pg_ctl'), ...stop], { stdio: 'ignore' });
    else spawnSync(join(bin, 'pg_ctl'), stop, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE test');
  await admin.end();
  return `postgres://postgres@127.0.0.1:${port}/test`;
}
