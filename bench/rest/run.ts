/**
 * bench/rest (issue 12): through @dialtone/provd-client against provd in its own process,
 * 1. devices created per second: CREATES devices (default 2,000), each with a config and the
 *    test plugin (so each create also renders the device's file), CONCURRENCY 8;
 * 2. the p99 of `GET /dev_mgr/devices?q={"config":…}` returning 100 devices out of DEVICES
 *    (default 100,000, seeded straight into the store).
 * Targets on the 2-core machine: ≥ 2,000 creates/s, ≤ 20 ms p99. The reference does 219 creates/s.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ProvdClient } from '@dialtone/provd-client';

const CREATES = Number(process.env.CREATES ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const DEVICES = Number(process.env.DEVICES ?? 100_000);
const PER_QUERY = 100;
const QUERIES = Number(process.env.QUERIES ?? 400);
const TARGET = { createsPerSecond: 2000, p99Ms: 20 };
const REFERENCE_CREATES = 219;
const root = fileURLToPath(new URL('../..', import.meta.url));

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/rest/provd-server.ts'], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production' },
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: child.stdout });
const nextLine = () => new Promise<string>((resolve, reject) => {
  lines.once('line', resolve);
  child.once('exit', (code) => reject(new Error(`provd-server exited with ${code}`)));
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

try {
  console.log(`machine: ${availableParallelism()} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const ready = JSON.parse(await nextLine()) as { rest: number; token: string };
  const client = new ProvdClient({ url: `http://127.0.0.1:${ready.rest}`, token: ready.token });

  // 1. creates
  await client.configs.create({ id: 'bench-parent', parent_ids: [], raw_config: { ip: '10.9.0.1' } });
  for (let c = 0; c < 100; c++) {
    await client.configs.create({ id: `bench-line-${c}`, parent_ids: ['bench-parent'], raw_config: { sip_lines: { 1: { username: `u${c}`, display_name: `User ${c}` } } } });
  }
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < CREATES) {
      const i = next++;
      const mac = (0xbb0000000000 + i).toString(16).match(/../g)!.join(':');
      await client.devices.create({ mac, vendor: 'TestVendor', model: 'T1', plugin: 'test-plugin', config: `bench-line-${i % 100}` });
    }
  }));
  const createSeconds = (performance.now() - start) / 1000;
  const createsPerSecond = CREATES / createSeconds;
  const sample = await client.devices.list({ q: { mac: 'bb:00:00:00:00:00' } });
  if (!sample[0]?.configured) throw new Error(`created devices are not configured: ${JSON.stringify(sample[0])}`);

  // 2. find among DEVICES
  child.stdin.write(`seed ${DEVICES} ${DEVICES / PER_QUERY}\n`);
  const seedStart = performance.now();
  if ((await nextLine()) !== 'seeded') throw new Error('seeding failed');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const configsCount = DEVICES / PER_QUERY;
  const times: number[] = [];
  for (let i = 0; i < QUERIES + 40; i++) {
    const t0 = performance.now();
    const devices = await client.devices.list({ q: { config: `seed-${(i * 7919) % configsCount}` } });
    const elapsed = performance.now() - t0;
    if (devices.length !== PER_QUERY) throw new Error(`expected ${PER_QUERY} devices, got ${devices.length}`);
    if (i >= 40) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);

  const mark = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  console.log(`creates: ${CREATES} devices (config + plugin, rendered) at concurrency ${CONCURRENCY} in ${createSeconds.toFixed(2)} s → ${createsPerSecond.toFixed(0)} creates/s (${(createsPerSecond / REFERENCE_CREATES).toFixed(1)}x the reference's ${REFERENCE_CREATES}/s; target ≥ ${TARGET.createsPerSecond}: ${mark(createsPerSecond >= TARGET.createsPerSecond)})`);
  console.log(`seed: ${DEVICES} devices in ${seedSeconds.toFixed(1)} s (store transactions of 2,000)`);
  console.log(`find: GET /dev_mgr/devices?q={"config":…} → ${PER_QUERY} of ${DEVICES + CREATES} devices, ${QUERIES} requests: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target ≤ ${TARGET.p99Ms} ms: ${mark(p99 <= TARGET.p99Ms)})`);
} finally {
  child.stdin.end();
  child.kill('SIGTERM');
}
