// The bench's provd nodes: the provd bin, each in its own process with its own data directory
// and the test plugin, on one PostgreSQL schema, on free loopback ports chosen here.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(repoRoot, 'packages/provd/src/bin/provd.ts');
const PLUGIN = join(repoRoot, 'packages/provd/test/fixtures/plugins/test-plugin');

export interface Node {
  name: string;
  pid: number;
  rest: string;
  /** The admin token, when this node was the first on its database (it wrote the file). */
  adminToken: string | null;
  http: string;
  stop(): Promise<void>;
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

/** Ports are chosen here (free ones) so provd can run with logging off: one line per request costs. */
export async function startNode(name: string, databaseUrl: string, schema: string): Promise<Node> {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-multinode-${name}-`));
  cpSync(PLUGIN, join(dataDir, 'plugins', 'test-plugin'), { recursive: true });
  const [restPort, httpPort] = [await freePort(), await freePort()];
  const config = join(dataDir, 'provd.yml');
  // JSON is YAML
  writeFileSync(
    config,
    JSON.stringify({
      general: { data_dir: dataDir },
      rest_api: { ip: '127.0.0.1', port: restPort },
      // the bench gives each simulated phone its own address through X-Forwarded-For
      http: { ip: '127.0.0.1', port: httpPort, trusted_proxies_count: 1 },
      tftp: { enabled: false, port: 0 },
      database: { url: databaseUrl, schema },
      log: { level: process.env.BENCH_PROVD_LOG ?? 'warn' },
    }),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, '-c', config], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const rest = `http://127.0.0.1:${restPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`provd node ${name} exited before listening`);
    if (Date.now() > deadline) throw new Error(`provd node ${name} did not listen within 60 s`);
    // any answer (401 without a token) means the REST API is listening
    const up = await fetch(`${rest}/0.2/status`, { headers: { accept: 'application/vnd.proformatique.provd+json' } }).then(
      () => true,
      () => false,
    );
    if (up) break;
    await sleep(100);
  }
  const tokenFile = join(dataDir, 'admin-token');
  return {
    name,
    pid: child.pid!,
    rest,
    adminToken: existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : null,
    http: `http://127.0.0.1:${httpPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
