// Shared by the integration tests: servers on ephemeral ports, raw UDP peers, system tools.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createTftpServer, type TftpServer, type TftpServerOptions, type TftpTransferRecord } from '@dialtone/tftp';
import { parsePacket, type Packet } from '@dialtone/tftp/testing';

export interface StartedServer {
  server: TftpServer;
  port: number;
  records: TftpTransferRecord[];
  /** Resolves once `n` transfer records exist. */
  recordsAt(n: number, timeoutMs?: number): Promise<TftpTransferRecord[]>;
}

export async function startServer(t: TestContext, options: TftpServerOptions): Promise<StartedServer> {
  const records: TftpTransferRecord[] = [];
  const waiters: Array<() => void> = [];
  const server = createTftpServer({
    host: '127.0.0.1',
    port: 0,
    ...options,
    onTransfer: (r) => {
      records.push(r);
      options.onTransfer?.(r);
      for (const w of waiters.splice(0)) w();
    },
  });
  const { port } = await server.listen();
  t.after(() => server.close());
  const recordsAt = async (n: number, timeoutMs = 10_000): Promise<TftpTransferRecord[]> => {
    const deadline = Date.now() + timeoutMs;
    while (records.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} transfer records, have ${records.length}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return records;
  };
  return { server, port, records, recordsAt };
}

export function tempFolder(t: TestContext, prefix = 'dialtone-tftp-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Received {
  msg: Buffer;
  packet: Packet;
  rinfo: RemoteInfo;
}

/** A bare UDP peer that queues what it receives, for hand-made exchanges. */
export class RawPeer {
  readonly socket: Socket;
  private readonly queue: Received[] = [];
  private waiter: (() => void) | undefined;

  constructor(t: TestContext, type: 'udp4' | 'udp6' = 'udp4') {
    this.socket = createSocket(type);
    this.socket.on('message', (msg, rinfo) => {
      this.queue.push({ msg, packet: parsePacket(msg), rinfo });
      this.waiter?.();
    });
    t.after(() => new Promise<void>((resolve) => this.socket.close(() => resolve())));
  }

  async bind(host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve) => this.socket.bind(0, host, () => resolve()));
    return this.socket.address().port;
  }

  send(buf: Buffer, port: number, host = '127.0.0.1'): void {
    this.socket.send(buf, port, host);
  }

  /** The next datagram, or null after `timeoutMs` of silence. */
  async next(timeoutMs = 2000): Promise<Received | null> {
    if (this.queue.length > 0) return this.queue.shift()!;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.waiter = undefined;
    return this.queue.shift() ?? null;
  }

  /** Everything that arrives within `ms`. */
  async drain(ms: number): Promise<Received[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.queue.splice(0);
  }
}

/** Fails loudly when a tool the test drives is missing (scripts/setup-test-deps.sh installs them). */
export function requireTool(name: string): void {
  const r = spawnSync('sh', ['-c', `command -v ${name}`]);
  if (r.status !== 0) throw new Error(`${name} is not installed: run scripts/setup-test-deps.sh (as root)`);
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell, killing it after `timeoutMs`; `input` is written to its stdin. */
export function run(command: string, args: string[], timeoutMs: number, cwd?: string, input?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
