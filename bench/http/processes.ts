// The bench's child processes: provd (bench/http/provd-server.ts), nginx in the foreground with a
// generated config, and the Debian packages they need.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/**
 * CPU seconds (user + system, all threads) used so far by a process and its children (nginx's
 * workers), from /proc. On a shared machine this moves far less than requests/s.
 */
/** CPU time of a process's main thread alone (for Node: the event loop), in seconds. */
export function mainThreadCpuSeconds(pid: number): number {
  const stat = readOr(`/proc/${pid}/task/${pid}/stat`, '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND || 0;
}

export function cpuSeconds(pid: number): number {
  const stat = readOr(`/proc/${pid}/stat`, '');
  // fields after the parenthesized command name: utime and stime are the 12th and 13th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND || 0;
  const children = readOr(`/proc/${pid}/task/${pid}/children`, '').split(' ').filter(Boolean).map(Number);
  return own + children.reduce((sum, child) => sum + cpuSeconds(child), 0);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

function has(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Installs the Debian packages of the missing binaries (the image's policy-rc.d keeps services stopped). */
export function ensureBinaries(packages: Record<string, string>): void {
  const missing = Object.entries(packages).filter(([binary]) => !has(binary));
  if (missing.length === 0) return;
  const names = missing.map(([, pkg]) => pkg);
  console.log(`installing ${names.join(', ')} with apt-get…`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: ['ignore', 'ignore', 'inherit'] });
  const still = missing.filter(([binary]) => !has(binary)).map(([binary]) => binary);
  if (r.status !== 0 || still.length) throw new Error(`could not install ${still.join(', ') || names.join(', ')} with apt-get`);
}

export interface ProvdChild extends Child {
  rest: string;
  http: string;
  /** The admin token (X-Auth-Token for the REST API). */
  token: string;
  /** TFTP port (0 unless started with `{ tftp: true }`). */
  tftpPort: number;
}

/** provd in its own process; `nodeArgs` e.g. ['--cpu-prof', '--cpu-prof-dir', dir]. */
export async function startProvd(nodeArgs: string[] = [], options: { tftp?: boolean } = {}): Promise<ProvdChild> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(repoRoot, 'bench/http/provd-server.ts')], {
    cwd: repoRoot,
    // as deployed: without the store's development-time nesting check (see docs/reference/store.md)
    env: { ...process.env, NODE_ENV: 'production', BENCH_TFTP: options.tftp ? '1' : '0' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ports = await new Promise<{ rest: number; http: number; tftp: number; token: string }>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (!line.startsWith('{"rest":')) return;
      rl.removeAllListeners('line');
      rl.on('line', () => {}); // provd's own log lines, when BENCH_PROVD_LOG is set
      resolve(JSON.parse(line) as { rest: number; http: number; tftp: number; token: string });
    });
    child.once('exit', (code) => reject(new Error(`provd-server exited with ${code}`)));
  });
  return {
    process: child,
    rest: `http://127.0.0.1:${ports.rest}`,
    http: `http://127.0.0.1:${ports.http}`,
    token: ports.token,
    tftpPort: ports.tftp,
    // SIGINT: provd closes cleanly, so --cpu-prof writes its profile
    stop: () => stopChild(child, 'SIGINT'),
  };
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface NginxChild extends Child {
  base: string;
  workers: number;
}

/**
 * nginx as a foreground child serving `root` on a free loopback port, with a config of its own
 * in `dir` (never the system service). No access log: provd runs with its log silenced too.
 */
export async function startNginx(dir: string, root: string, workers: number): Promise<NginxChild> {
  const port = await freeTcpPort();
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  // nginx's worker drops root for `nobody`: it must be able to walk down to `root` (mkdtemp gives 0700)
  for (let d = root; d !== '/' && d !== tmpdir(); d = dirname(d)) chmodSync(d, 0o755);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes ${workers};
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  default_type application/octet-stream;
  client_body_temp_path ${join(dir, 'tmp')};
  proxy_temp_path ${join(dir, 'tmp')};
  fastcgi_temp_path ${join(dir, 'tmp')};
  uwsgi_temp_path ${join(dir, 'tmp')};
  scgi_temp_path ${join(dir, 'tmp')};
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`,
  );
  const child = spawn('nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 5000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      await fetch(`${base}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('nginx did not start within 5 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { process: child, base, workers, stop: () => stopChild(child, 'SIGQUIT') };
}
