/**
 * A scratch PostgreSQL database for the bench: created on the server named by DATABASE_URL
 * (else the local 127.0.0.1:5432, user postgres or root, trust auth) and dropped afterwards.
 */
import pg from 'pg';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminUrl(): Promise<string> {
  const candidates = process.env.DATABASE_URL
    ? [process.env.DATABASE_URL]
    : ['postgres', 'root'].map((user) => `postgres://${user}@127.0.0.1:5432/postgres`);
  for (const url of candidates) if (await answers(url)) return url;
  throw new Error(`bench/store needs a PostgreSQL server: none answered at ${candidates.join(', ')} (set DATABASE_URL)`);
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await adminUrl();
  const name = `dialtone_bench_${process.pid}`;
  await admin(server, `DROP DATABASE IF EXISTS ${name}`);
  await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
