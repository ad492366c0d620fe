/**
 * bench/store: loads 100,000 devices under 100 configs into SQLite and into PostgreSQL, then
 * prints insert rates, lookup latencies (find by mac, by tenant+plugin, flattened raw config)
 * and the start-up time and RSS of a fresh process on that data, against the targets of
 * issue 2. The reference each lookup is compared with is a primary-key `get` in the same run.
 * DEVICES=<n> changes the size (default 100000); BACKENDS=sqlite or BACKENDS=postgres runs one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@dialtone/provd';
import { configs, device, lineConfigId, LINE_CONFIGS, mac, PLUGINS, random, TENANTS } from './dataset.js';
import { check, latency, ms, show, type Latency } from './measure.js';
import { scratchDatabase } from './postgres-db.js';

const DEVICES = Number(process.env.DEVICES ?? 100_000);
const BATCH = 1000;
const TARGET = { startupMs: 2000, rssMb: 300, findMacP99: 1 };
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Probe {
  readyMs: number;
  setupMs: number;
  rssMb: number;
  findMac: Latency;
  raw?: Latency;
}

interface Result {
  backend: string;
  loadSeconds: number;
  batchedPerSecond: number;
  singlePerSecond: number;
  get: Latency;
  findMac: Latency;
  tenantPlugin: Latency;
  storeProbe: Probe;
  provdProbe: Probe;
}

async function load(store: Store): Promise<{ seconds: number; batchedPerSecond: number; singlePerSecond: number }> {
  for (const config of configs()) await store.configs.insert(config);
  const start = performance.now();
  for (let i = 0; i < DEVICES; i += BATCH) {
    await store.transaction(async (tx) => {
      for (let j = i; j < Math.min(i + BATCH, DEVICES); j++) await tx.devices.insert(device(j));
    });
  }
  const seconds = (performance.now() - start) / 1000;
  // one transaction per insert, as REST creates devices; removed again so the data set stays exact
  const singles = 1000;
  const singleStart = performance.now();
  const extra: string[] = [];
  for (let j = 0; j < singles; j++) extra.push(await store.devices.insert(device(DEVICES + j)));
  const singleSeconds = (performance.now() - singleStart) / 1000;
  await store.transaction(async (tx) => {
    for (const id of extra) await tx.devices.delete(id);
  });
  return { seconds, batchedPerSecond: DEVICES / seconds, singlePerSecond: singles / singleSeconds };
}

function probe(mode: 'store' | 'provd', url: string): Promise<Probe> {
  const next = random(7);
  const input = {
    url,
    macs: Array.from({ length: 1000 }, () => mac(Math.floor(next() * DEVICES))),
    configIds: Array.from({ length: 1000 }, () => lineConfigId(Math.floor(next() * LINE_CONFIGS))),
  };
  const script = fileURLToPath(new URL('./startup-probe.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, mode, JSON.stringify(input)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${mode} probe failed (${code}): ${err.trim()}`));
      const report = JSON.parse(out.trim().split('\n').pop()!);
      resolve(report);
    });
  });
}

async function bench(backend: string, url: string): Promise<Result> {
  console.log(`\n--- ${backend}: loading ${DEVICES} devices under ${configs().length} configs`);
  const store = await openStore({ url });
  let result: Result;
  try {
    const loaded = await load(store);
    console.log(`insert: ${Math.round(loaded.batchedPerSecond)} devices/s in transactions of ${BATCH} (${loaded.seconds.toFixed(1)} s); ${Math.round(loaded.singlePerSecond)} devices/s one transaction each`);
    const next = random(42);
    const pick = () => Math.floor(next() * DEVICES);
    const ids = (await store.devices.find({ mac: { $in: Array.from({ length: 1000 }, () => mac(pick())) } }, { fields: ['id'] })).map((d) => d.id);
    const get = await latency(2000, (i) => store.devices.get(ids[i % ids.length]));
    const findMac = await latency(2000, () => store.devices.find({ mac: mac(pick()) }));
    const tenantPlugin = await latency(500, () =>
      store.devices.find({ tenant_uuid: TENANTS[Math.floor(next() * TENANTS.length)], plugin: PLUGINS[Math.floor(next() * PLUGINS.length)] }, { limit: 100 }),
    );
    const combo = { tenant_uuid: TENANTS[0], plugin: PLUGINS[0] };
    const sample = await store.devices.find(combo, { limit: 100 });
    const expected = Math.min(100, await store.devices.count(combo));
    if (sample.length !== expected || expected === 0) throw new Error(`tenant+plugin find returned ${sample.length} devices, expected ${expected}`);
    console.log(`get by id (reference): ${show(get)}`);
    console.log(`find by mac: ${show(findMac)} (p50 ×${(findMac.p50 / get.p50).toFixed(2)} of get)`);
    console.log(`find by tenant+plugin, limit 100: ${show(tenantPlugin)} (p50 ×${(tenantPlugin.p50 / get.p50).toFixed(1)} of get)`);
    await store.close();
    const storeProbe = await probe('store', url);
    console.log(`fresh process, store open + first find: ready ${ms(storeProbe.readyMs)} ms after process start (${ms(storeProbe.setupMs)} ms in openStore), RSS ${storeProbe.rssMb} MB`);
    const provdProbe = await probe('provd', url);
    console.log(`fresh process, provd start-up (store, plugins, REST, HTTP): ready ${ms(provdProbe.readyMs)} ms after process start (${ms(provdProbe.setupMs)} ms in createProvd+listen), RSS ${provdProbe.rssMb} MB`);
    console.log(`flattened raw config (provd.configs.rawConfig): ${show(provdProbe.raw!)} (p50 ×${(provdProbe.raw!.p50 / get.p50).toFixed(1)} of get)`);
    result = { backend, loadSeconds: loaded.seconds, ...loaded, get, findMac, tenantPlugin, storeProbe, provdProbe };
  } finally {
    await store.close();
  }
  return result;
}

function summary(results: Result[]): void {
  console.log('\n--- targets (issue 2, this machine)');
  for (const r of results) {
    const startup = r.provdProbe.readyMs;
    const rss = Math.max(r.provdProbe.rssMb, r.storeProbe.rssMb);
    console.log(
      `${r.backend.padEnd(10)} ${check(startup <= TARGET.startupMs)} provd start-up ${ms(startup)} ms ≤ ${TARGET.startupMs}   ` +
        `${check(rss <= TARGET.rssMb)} RSS ${rss} MB ≤ ${TARGET.rssMb}   ` +
        `${check(r.findMac.p99 <= TARGET.findMacP99)} find by mac p99 ${ms(r.findMac.p99)} ms ≤ ${TARGET.findMacP99}`,
    );
  }
  if (results.length === 2) {
    const [a, b] = results;
    const ratio = (x: number, y: number) => (y / x).toFixed(2);
    console.log(
      `${b.backend}/${a.backend}: insert ×${ratio(a.batchedPerSecond, b.batchedPerSecond)}, find by mac p50 ×${ratio(a.findMac.p50, b.findMac.p50)}, ` +
        `tenant+plugin p50 ×${ratio(a.tenantPlugin.p50, b.tenantPlugin.p50)}, raw config p50 ×${ratio(a.provdProbe.raw!.p50, b.provdProbe.raw!.p50)}`,
    );
  }
}

const [load1] = loadavg();
console.log(`${DEVICES} devices; ${availableParallelism()} cores, load average ${load1.toFixed(1)} at start (other work on the machine skews p99)`);
const backends = (process.env.BACKENDS ?? 'sqlite,postgres').split(',');
const dir = mkdtempSync(join(tmpdir(), 'dialtone-bench-store-'));
const pg = backends.includes('postgres') ? await scratchDatabase() : null;
try {
  const results: Result[] = [];
  if (backends.includes('sqlite')) results.push(await bench('sqlite', `sqlite:${join(dir, 'provd.sqlite')}`));
  if (pg) results.push(await bench('postgres', pg.url));
  summary(results);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await pg?.drop();
}
