/**
 * bench/ui-search (issue 22): the web page's devices view among DEVICES devices (default
 * 100,000), measured through the REST call the page makes (views/devices.ts): a prefix search
 * as a range (`{"mac":{"$ge":…,"$lt":…}}`), sorted by MAC, one page of 50 (+1 to know whether
 * there is a next page), plus the first view (no search) and a later page. Target: ≤ 300 ms.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ProvdClient } from '@dialtone/provd-client';

const DEVICES = Number(process.env.DEVICES ?? 100_000);
const SEARCHES = Number(process.env.SEARCHES ?? 60);
const PAGE = 50;
const TARGET_MS = 300;
const root = fileURLToPath(new URL('../..', import.meta.url));

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/rest/provd-server.ts'], { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout });
const nextLine = () => new Promise<string>((resolve, reject) => {
  lines.once('line', resolve);
  child.once('exit', (code) => reject(new Error(`provd-server exited with ${code}`)));
});

/** The page's search (views/devices.ts searchSelector): a prefix as an index-friendly range. */
function prefixRange(field: string, text: string): Record<string, unknown> {
  const next = text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) + 1);
  return { [field]: { $ge: text, $lt: next } };
}

async function timed(label: string, runs: number, call: (i: number) => Promise<number>): Promise<{ label: string; p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    const count = await call(i);
    if (count === 0) throw new Error(`${label}: no device found`);
    if (i >= 5) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  return { label, p50: at(50), p99: at(99) };
}

try {
  console.log(`machine: ${availableParallelism()} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const ready = JSON.parse(await nextLine()) as { rest: number; token: string };
  const client = new ProvdClient({ url: `http://127.0.0.1:${ready.rest}`, token: ready.token });
  child.stdin.write(`seed ${DEVICES} ${DEVICES / 100}\n`);
  if ((await nextLine()) !== 'seeded') throw new Error('seeding failed');
  // the MAC of a seeded device without its last byte: a prefix that matches 256 devices
  const prefix = (i: number) => (0xaa0000000000 + ((i * 7919) % DEVICES)).toString(16).match(/../g)!.join(':').slice(0, 14);
  const page = { limit: PAGE + 1, sort: 'mac', order: 'ASC' as const };
  const phases: [string, (i: number) => Promise<number>][] = [
    ['first view (no search, sorted by MAC)', async () => (await client.devices.list(page)).length],
    ['page 100 (skip 4,950)', async () => (await client.devices.list({ ...page, skip: 99 * PAGE })).length],
    ['MAC prefix search', async (i) => (await client.devices.list({ ...page, q: prefixRange('mac', prefix(i)) })).length],
    ['config search (seed-12…)', async () => (await client.devices.list({ ...page, q: prefixRange('config', 'seed-12') })).length],
  ];
  for (const [label, call] of phases) {
    const r = await timed(label, SEARCHES, call);
    console.log(`${r.label}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (target ≤ ${TARGET_MS} ms: ${r.p99 <= TARGET_MS ? 'meets' : 'MISSES'})`);
  }
  console.log(`machine: load after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  child.stdin.end();
  child.kill('SIGTERM');
}
