/**
 * bench/confgend (issue 19): a real provd holding 10,000 SIP lines (5,000 devices × 2 lines,
 * one config each under a shared parent), confgend started as its own process (the `confgend`
 * bin). Measures (1) the time of `GET /0.1/files/asterisk/pjsip.conf` — reading provd's REST
 * API, flattening, rendering the template — target ≤ 1 s (median of ROUNDS); (2) the p99 latency
 * of `?cache=cached` GETs from 8 concurrent keep-alive clients, target ≤ 5 ms, for the small
 * provd/network.yml and for the 10,000-line pjsip.conf (≈1.4 MB; reported, no target).
 * Knobs (environment): ROUNDS (default 5), SECONDS per load run (default 5), LINES (default 10000).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEphemeralProvd } from '@dialtone/provd/testing';
import { loadPjsipConf } from '@dialtone/confgend';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 5);
const LINES = Number(process.env.LINES ?? 10_000);
const CLIENTS = 8;
const TARGET = { generateSeconds: 1, cachedP99Ms: 5 };
const MEDIA = 'application/vnd.proformatique.provd+json';
const repo = fileURLToPath(new URL('../..', import.meta.url));

/** CPU seconds (user + system) a process has used, from /proc (the machine is shared: wall time alone says little). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const ownCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function post(rest: string, path: string, body: unknown): Promise<void> {
  const r = await fetch(`${rest}${path}`, { method: 'POST', headers: { 'content-type': MEDIA, accept: MEDIA, 'x-auth-token': provd.adminToken }, body: JSON.stringify(body) });
  if (r.status !== 201) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
}

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(port: number, path: string, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await get(agent, port, path);
      latencies.push(performance.now() - t0);
    }
  }));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: latencies.length, perSecond: latencies.length / seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] };
}

console.log(`load average at start: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${(await import('node:os')).cpus().length} CPUs)`);
const provd = await startEphemeralProvd();
const work = mkdtempSync(join(tmpdir(), 'bench-confgend-'));
let child: ReturnType<typeof spawn> | undefined;
try {
  const devices = LINES / 2;
  const t0 = performance.now();
  await post(provd.rest, '/0.2/cfg_mgr/configs', { config: { id: 'site', parent_ids: [], raw_config: { sip_dtmf_mode: 'RTP-out-of-band' } } });
  const ids = Array.from({ length: devices }, (_, i) => i);
  await pool(ids, 32, async (i) => {
    const n = 10_000 + 2 * i;
    await post(provd.rest, '/0.2/cfg_mgr/configs', { config: { id: `cfg-${i}`, parent_ids: ['site'], raw_config: { sip_lines: {
      '1': { username: `u${n}`, password: `pw-${n}-secret`, display_name: `User ${n}`, number: String(n) },
      '2': { username: `u${n + 1}`, password: `pw-${n + 1}-secret`, display_name: `User ${n + 1}`, number: String(n + 1) },
    } } } });
    await post(provd.rest, '/0.2/dev_mgr/devices', { device: { id: `dev-${i}`, mac: `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, config: `cfg-${i}` } });
  });
  console.log(`provd filled: ${devices} devices, ${LINES} SIP lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const etc = join(work, 'etc');
  mkdirSync(join(etc, 'conf.d'), { recursive: true });
  writeFileSync(join(etc, 'config.yml'), `provd:\n  url: ${provd.rest}\n  token: ${provd.adminToken}\nlog:\n  level: warn\n`);
  child = spawn(join(repo, 'packages/confgend/src/bin/confgend.ts'), ['--config-dir', etc, '--port', '0', '--no-tcp', '--log-level', 'info'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /"http":\{"host":"[^"]+","port":(\d+)\}/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child!.on('exit', (code) => reject(new Error(`confgend exited ${code}`)));
  });

  const times: number[] = [];
  const cpu: number[] = [];
  let text = '';
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = cpuSeconds(child.pid!) + ownCpu();
    const s = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/0.1/files/asterisk/pjsip.conf`);
    text = await res.text();
    if (res.status !== 200) throw new Error(`pjsip.conf: ${res.status} ${text}`);
    times.push((performance.now() - s) / 1000);
    cpu.push(cpuSeconds(child.pid!) + ownCpu() - c0);
  }
  cpu.sort((a, b) => a - b);
  const endpoints = loadPjsipConf(text).filter((o) => o.type === 'endpoint').length;
  if (endpoints !== LINES) throw new Error(`expected ${LINES} endpoints, got ${endpoints}`);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`generate asterisk/pjsip.conf, ${LINES} lines (${(text.length / 1e6).toFixed(2)} MB, parsed back: ${endpoints} endpoints): median ${median.toFixed(3)} s, best ${times[0].toFixed(3)} s, worst ${times[times.length - 1].toFixed(3)} s; CPU (confgend + provd, this process) median ${cpu[Math.floor(cpu.length / 2)].toFixed(3)} s  (target ≤ ${TARGET.generateSeconds} s) ${median <= TARGET.generateSeconds ? 'MET' : 'MISSED'}`);

  await get(new Agent(), port, '/0.1/files/provd/network.yml').catch(() => 0);
  const before = cpuSeconds(child.pid!);
  const small = await load(port, '/0.1/files/provd/network.yml?cache=cached', SECONDS);
  const serverCpuPerRequest = ((cpuSeconds(child.pid!) - before) / small.requests) * 1e6;
  console.log(`cached GET provd/network.yml, ${CLIENTS} clients: ${small.perSecond.toFixed(0)} req/s, p50 ${small.p50.toFixed(2)} ms, p99 ${small.p99.toFixed(2)} ms, max ${small.max.toFixed(1)} ms, confgend CPU ${serverCpuPerRequest.toFixed(0)} µs/request  (target p99 ≤ ${TARGET.cachedP99Ms} ms) ${small.p99 <= TARGET.cachedP99Ms ? 'MET' : 'MISSED'}`);
  const big = await load(port, '/0.1/files/asterisk/pjsip.conf?cache=cached', SECONDS);
  console.log(`cached GET asterisk/pjsip.conf (${LINES} lines), ${CLIENTS} clients: ${big.perSecond.toFixed(0)} req/s, p50 ${big.p50.toFixed(2)} ms, p99 ${big.p99.toFixed(2)} ms, max ${big.max.toFixed(1)} ms  (no target: ${(text.length / 1e6).toFixed(2)} MB per answer)`);
} finally {
  child?.kill('SIGTERM');
  await provd.close();
  rmSync(work, { recursive: true, force: true });
}
