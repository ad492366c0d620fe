import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tftpGet } from '@dialtone/tftp/testing';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  name: string;
  port: number;
  /** The listening process: its CPU affinity is what `pinProcess` sets (tftpd-hpa's forks inherit it). */
  pid: number;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/** A node server script of bench/tftp in its own process; it prints {"port":N} once listening. */
async function startNodeServer(name: string, script: string, folder: string): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/tftp', script), folder], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => {
      rl.close();
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { name, port: (JSON.parse(line) as { port: number }).port, pid: child.pid!, stop: () => stopChild(child) };
}

/** Our server in its own process, like tftpd-hpa, so it does not share the load generator's event loop. */
export function startDialtone(folder: string): Promise<RunningServer> {
  return startNodeServer('dialtone', 'dialtone-server.ts', folder);
}

/** The least a node:dgram server can do for a lock-step read (see node-floor-server.ts). */
export function startNodeFloor(folder: string): Promise<RunningServer> {
  return startNodeServer('node floor', 'node-floor-server.ts', folder);
}

/**
 * in.tftpd from Debian's tftpd-hpa: the installed one, else the package
 * fetched with `apt-get download` and unpacked under .tmp/ (installing it
 * would also start the system service on port 69, which the bench must not do).
 */
export function findTftpdHpa(): string {
  if (existsSync('/usr/sbin/in.tftpd')) return '/usr/sbin/in.tftpd';
  const dir = join(repoRoot, '.tmp/tftpd-hpa');
  const binary = join(dir, 'root/usr/sbin/in.tftpd');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  let r = spawnSync('apt-get', ['download', 'tftpd-hpa'], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    r = spawnSync('apt-get', ['download', 'tftpd-hpa'], { cwd: dir, stdio: 'inherit' });
  }
  const deb = readdirSync(dir).find((f) => f.startsWith('tftpd-hpa_') && f.endsWith('.deb'));
  if (r.status !== 0 || deb === undefined) throw new Error('could not fetch tftpd-hpa with apt-get download');
  const x = spawnSync('dpkg-deb', ['-x', join(dir, deb), join(dir, 'root')], { stdio: 'inherit' });
  if (x.status !== 0 || !existsSync(binary)) throw new Error('could not unpack tftpd-hpa');
  return binary;
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** tftpd-hpa in the foreground (-L), chrooted to the folder (-s), on its own loopback port. */
export async function startTftpdHpa(folder: string, probeFile: string): Promise<RunningServer> {
  const binary = findTftpdHpa();
  const port = await freeUdpPort();
  const child = spawn(binary, ['-L', '-s', folder, '-a', `127.0.0.1:${port}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let attempt = 0; ; attempt++) {
    try {
      await tftpGet({ host: '127.0.0.1', port, filename: probeFile, retransmitMs: 200, retries: 2, collect: false });
      break;
    } catch (err) {
      if (attempt >= 10 || child.exitCode !== null) {
        await stopChild(child);
        throw new Error(`tftpd-hpa did not answer on port ${port}: ${(err as Error).message}`);
      }
    }
  }
  return { name: 'tftpd-hpa', port, pid: child.pid!, stop: () => stopChild(child) };
}

/** Sets the CPU affinity of every thread of a process (`taskset -a -p -c`), e.g. `'0'` or `'0-1'`. */
export function pinProcess(pid: number, cpus: string): void {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset -a -p -c ${cpus} ${pid} failed: ${r.stderr || r.error?.message}`);
}
