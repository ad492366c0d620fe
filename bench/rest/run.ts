/**
 * bench/rest (issue 12): through @dialtone/provd-client against provd in its own process,
 * 1. devices created per second: CREATES devices (default 2,000), each with a config and the
 *    test plugin (so each create also renders the device's file), CONCURRENCY 8;
 * 2. the p99 of `GET /dev_mgr/devices?q={"config":…}` returning 100 devices out of DEVICES
 *    (default 100,000, seeded straight into the store).
 * Targets on the 2-core machine: ≥ 2,000 creates/s, ≤ 20 ms p99. The reference does 219 creates/s.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

// PROVD_NODE_ARGS: extra node flags for the provd child (e.g. --cpu-prof)
const extraArgs = (process.env.PROVD_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...extraArgs, '--import', 'tsx', 'bench/rest/provd-server.ts'], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production' },
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: child.stdout });
const nextLine = () => new Promise<string>((resolve, reject) => {
  lines.once('line', resolve);
  child.once('exit', (code) => reject(new Error(`provd-server exited with ${code}`)));
});

/** CPU time (ms) the provd child has used so far, from /proc (Linux). */
function childCpuMs(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time (ms) used by this process (the client side) so far. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ONLY = process.env.ONLY; // 'creates' or 'find': one phase (profiling)
const PROFILE = process.env.PROFILE; // a folder: a CPU profile of provd per phase goes there

async function profiling(command: 'start' | 'stop', phase: string): Promise<void> {
  if (!PROFILE) return;
  child.stdin.write(command === 'start' ? 'profile start\n' : `profile stop ${PROFILE}/${phase}.cpuprofile\n`);
  if ((await nextLine()) !== 'profiled') throw new Error('profiling failed');
}
const mark = (ok: boolean) => (ok ? 'meets' : 'MISSES');

try {
  console.log(`machine: ${availableParallelism()} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const ready = JSON.parse(await nextLine()) as { rest: number; token: string };
  const client = new ProvdClient({ url: `http://127.0.0.1:${ready.rest}`, token: ready.token });

  if (ONLY !== 'find') {
    // 1. creates
    await client.configs.create({ id: 'bench-parent', parent_ids: [], raw_config: { ip: '10.9.0.1' } });
    for (let c = 0; c < 100; c++) {
      await client.configs.create({ id: `bench-line-${c}`, parent_ids: ['bench-parent'], raw_config: { sip_lines: { 1: { username: `u${c}`, display_name: `User ${c}` } } } });
    }
    const WARMUP = Number(process.env.WARMUP ?? 400);
    const createAll = async (count: number, macBase: number): Promise<void> => {
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) {
          const i = next++;
          const mac = (macBase + i).toString(16).match(/../g)!.join(':');
          await client.devices.create({ mac, vendor: 'TestVendor', model: 'T1', plugin: 'test-plugin', config: `bench-line-${i % 100}` });
        }
      }));
    };
    // the same work first, not counted: V8 compiles the hot paths in the first few hundred requests
    await createAll(WARMUP, 0xba0000000000);
    await profiling('start', 'creates');
    const cpu0 = { server: childCpuMs(), client: ownCpuMs() };
    const start = performance.now();
    await createAll(CREATES, 0xbb0000000000);
    const createSeconds = (performance.now() - start) / 1000;
    const serverCpu = (childCpuMs() - cpu0.server) / CREATES;
    const clientCpu = (ownCpuMs() - cpu0.client) / CREATES;
    await profiling('stop', 'creates');
    const createsPerSecond = CREATES / createSeconds;
    const sample = await client.devices.list({ q: { mac: 'bb:00:00:00:00:00' } });
    if (!sample[0]?.configured) throw new Error(`created devices are not configured: ${JSON.stringify(sample[0])}`);
    console.log(`creates: ${CREATES} devices (config + plugin, rendered) at concurrency ${CONCURRENCY} in ${createSeconds.toFixed(2)} s → ${createsPerSecond.toFixed(0)} creates/s (${(createsPerSecond / REFERENCE_CREATES).toFixed(1)}x the reference's ${REFERENCE_CREATES}/s; target ≥ ${TARGET.createsPerSecond}: ${mark(createsPerSecond >= TARGET.createsPerSecond)})`);
    console.log(`creates: CPU per create: provd ${serverCpu.toFixed(3)} ms, client ${clientCpu.toFixed(3)} ms`);
  }

  if (ONLY !== 'creates') {
    // 2. find among DEVICES
    child.stdin.write(`seed ${DEVICES} ${DEVICES / PER_QUERY}\n`);
    const seedStart = performance.now();
    if ((await nextLine()) !== 'seeded') throw new Error('seeding failed');
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(`seed: ${DEVICES} devices in ${seedSeconds.toFixed(1)} s (store transactions of 2,000)`);
    const configsCount = DEVICES / PER_QUERY;
    const times: number[] = [];
    let cpu0 = { server: 0, client: 0 };
    for (let i = 0; i < QUERIES + 40; i++) {
      if (i === 40) {
        await profiling('start', 'find');
        cpu0 = { server: childCpuMs(), client: ownCpuMs() };
      }
      const t0 = performance.now();
      const devices = await client.devices.list({ q: { config: `seed-${(i * 7919) % configsCount}` } });
      const elapsed = performance.now() - t0;
      if (devices.length !== PER_QUERY) throw new Error(`expected ${PER_QUERY} devices, got ${devices.length}`);
      if (i >= 40) times.push(elapsed);
    }
    const serverCpu = (childCpuMs() - cpu0.server) / QUERIES;
    const clientCpu = (ownCpuMs() - cpu0.client) / QUERIES;
    await profiling('stop', 'find');
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    console.log(`find: GET /dev_mgr/devices?q={"config":…} → ${PER_QUERY} of ${DEVICES} seeded devices, ${QUERIES} requests: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target ≤ ${TARGET.p99Ms} ms: ${mark(p99 <= TARGET.p99Ms)})`);
    console.log(`find: CPU per request: provd ${serverCpu.toFixed(3)} ms, client ${clientCpu.toFixed(3)} ms`);
  }
  console.log(`machine: load after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  child.stdin.end();
  child.kill('SIGTERM');
}
