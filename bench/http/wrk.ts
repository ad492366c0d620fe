// Runs wrk (Debian package `wrk`) and reads its results from a Lua `done` hook as JSON.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WrkResult {
  requests: number;
  seconds: number;
  perSecond: number;
  /** Non-2xx/3xx responses plus socket errors. */
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export interface WrkOptions {
  url: string;
  connections: number;
  threads: number;
  /** Seconds; ignored when `until` is given (wrk then runs until that promise settles). */
  seconds: number;
  headers?: Record<string, string>;
  until?: Promise<unknown>;
}

const luaString = (s: string) => JSON.stringify(s);

/** The Lua script: the request headers, and a done() that prints one JSON line. */
function script(dir: string, headers: Record<string, string>): string {
  const file = join(dir, `wrk-${Object.keys(headers).length}-${Date.now()}.lua`);
  const lines = Object.entries(headers).map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`);
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'\\nWRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n\',',
    '    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,',
    '    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))',
    'end',
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export async function runWrk(dir: string, options: WrkOptions): Promise<WrkResult> {
  const duration = options.until ? 3600 : options.seconds;
  const args = ['-t', String(options.threads), '-c', String(options.connections), '-d', `${duration}s`, '--timeout', '5s', '-s', script(dir, options.headers ?? {}), options.url];
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // wrk stops early and still reports when interrupted
  if (options.until) void options.until.finally(() => child.kill('SIGINT'));
  const code = await exited;
  const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk exited with ${code} and no result:\n${out}`);
  const r = JSON.parse(line.slice('WRK_JSON '.length)) as Record<string, number>;
  const seconds = r.duration_us / 1e6;
  const ms = (us: number) => us / 1000;
  return {
    requests: r.requests,
    seconds,
    perSecond: r.requests / seconds,
    errors: r.errors,
    latencyMs: { p50: ms(r.p50), p90: ms(r.p90), p99: ms(r.p99), max: ms(r.max) },
  };
}
