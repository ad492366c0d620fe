/**
 * A real provd process (the provd bin, not an in-process instance) for multi-node tests and
 * benchmarks: its own data directory with the given plugin folders, a YAML config file, ports
 * chosen by the system and read back from its "provd listening" log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const BIN = fileURLToPath(new URL('../../src/bin/provd.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const MEDIA = 'application/vnd.proformatique.provd+json';

export interface ProvdNode {
  readonly name: string;
  readonly rest: string;
  readonly http: string;
  readonly pid: number;
  /** Lines the process wrote (pino JSON), for failure messages. */
  readonly output: string[];
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
  /** GET on the provisioning server. */
  fetchFile(path: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  status(): Promise<any>;
  /** SIGTERM, then SIGKILL after 5 s; removes the data directory. */
  stop(): Promise<void>;
}

export interface NodeOptions {
  name: string;
  databaseUrl: string;
  schema: string;
  plugins: string[];
  /** Extra settings, as a nested object merged at the top level of the config file. */
  settings?: Record<string, unknown>;
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/**
 * The admin token of each shared database: the first node started on it writes the file, every
 * node accepts it (tokens live in the database).
 */
const adminTokens = new Map<string, string>();

export async function startProvdNode(options: NodeOptions): Promise<ProvdNode> {
  const dataDir = mkdtempSync(join(tmpdir(), `provd-node-${options.name}-`));
  for (const plugin of options.plugins) cpSync(plugin, join(dataDir, 'plugins', basename(plugin)), { recursive: true });
  const configFile = join(dataDir, 'provd.yml');
  writeFileSync(
    configFile,
    stringify({
      general: { data_dir: dataDir },
      rest_api: { ip: '127.0.0.1', port: 0 },
      http: { ip: '127.0.0.1', port: 0 },
      tftp: { enabled: false, port: 0 },
      database: { url: options.databaseUrl, schema: options.schema },
      log: { level: 'info' },
      ...options.settings,
    }),
  );
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', BIN, '-c', configFile], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const addresses = await new Promise<{ rest: { port: number }; http: { port: number } }>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`provd node ${options.name} did not start in 60 s:\n${output.join('\n')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        output.push(line);
        if (output.length > 2000) output.shift();
        if (line.includes('"provd listening"')) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { rest: { port: number }; http: { port: number } });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`provd node ${options.name} exited before listening:\n${output.join('\n')}`));
    });
  });
  const rest = `http://127.0.0.1:${addresses.rest.port}`;
  const http = `http://127.0.0.1:${addresses.http.port}`;
  const database = `${options.databaseUrl}#${options.schema}`;
  const tokenFile = join(dataDir, 'admin-token');
  if (existsSync(tokenFile)) adminTokens.set(database, readFileSync(tokenFile, 'utf8').trim());
  let stopped: Promise<void> | undefined;
  const node: ProvdNode = {
    name: options.name,
    rest,
    http,
    pid: child.pid!,
    output,
    async call(method, path, body) {
      const init: RequestInit = { method, headers: { accept: MEDIA, 'x-auth-token': adminTokens.get(database) ?? '' } };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = MEDIA;
      }
      const res = await fetch(rest + path, init);
      const text = await res.text();
      let parsed: unknown = text;
      if ((res.headers.get('content-type') ?? '').startsWith(MEDIA)) parsed = JSON.parse(text);
      return { status: res.status, body: parsed, text };
    },
    async fetchFile(path, headers = {}) {
      const res = await fetch(http + path, { headers });
      return { status: res.status, text: await res.text() };
    },
    async status() {
      return (await node.call('GET', '/0.2/status')).body;
    },
    stop() {
      stopped ??= (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exit;
          clearTimeout(timer);
        }
        rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  return node;
}
