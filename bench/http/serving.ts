// Figure 1: requests/s of provd serving a configured device's file, against nginx serving the
// same bytes from disk, with the same wrk load. The two alternate in rounds, so that load from
// elsewhere on a shared machine hits both alike.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuSeconds, type NginxChild, type ProvdChild } from './processes.js';
import type { ProvdClient } from '@dialtone/provd-client';
import { macHex, withColons } from './bench-util.js';
import { runWrk, type WrkResult } from './wrk.js';

export const UA = 'TestPhone/T1/1.0';

export interface ServedDevice {
  id: string;
  /** URL path of its file, e.g. /test/0000be000000.cfg */
  path: string;
  bytes: Buffer;
}

/** Creates one configured device and returns its file, as provd serves it. */
export async function configuredDevice(rest: ProvdClient, provd: ProvdChild): Promise<ServedDevice> {
  await rest.configs.create({ id: 'bench-serve', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'bench1001', display_name: 'Bench Phone' } } } });
  const hex = macHex(0xbe, 0);
  const id = await rest.devices.create({ mac: withColons(hex), vendor: 'TestVendor', model: 'T1', plugin: 'test-plugin', config: 'bench-serve' });
  const device = await rest.devices.get(id);
  if (!device.configured) throw new Error(`bench device not configured: ${device.configure_error}`);
  const path = `/test/${hex}.cfg`;
  const res = await fetch(provd.http + path, { headers: { 'user-agent': UA } });
  if (res.status !== 200) throw new Error(`provd answered ${res.status} for ${path}`);
  return { id, path, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Writes the device's file where nginx serves it from. */
export function mirrorForNginx(root: string, device: ServedDevice): void {
  const file = join(root, device.path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, device.bytes);
}

export interface LoadShape {
  connections: number;
  threads: number;
  warmupSeconds: number;
  /** Seconds per round and server. */
  seconds: number;
  rounds: number;
}

export interface ServingResult {
  nginx: WrkResult;
  provd: WrkResult;
  /** provd/nginx requests per second over all rounds. */
  ratio: number;
  roundRatios: number[];
  /** Server CPU time per request (µs, all threads and worker processes), steadier than req/s on a busy machine. */
  cpuPerRequestUs: { nginx: number; provd: number };
}

function combine(results: WrkResult[]): WrkResult {
  const requests = results.reduce((n, r) => n + r.requests, 0);
  const seconds = results.reduce((n, r) => n + r.seconds, 0);
  const worst = (pick: (r: WrkResult) => number) => Math.max(...results.map(pick));
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    errors: results.reduce((n, r) => n + r.errors, 0),
    // percentiles of the rounds cannot be merged exactly: report the worst round
    latencyMs: { p50: worst((r) => r.latencyMs.p50), p90: worst((r) => r.latencyMs.p90), p99: worst((r) => r.latencyMs.p99), max: worst((r) => r.latencyMs.max) },
  };
}

export async function measureServing(tmp: string, provd: ProvdChild, nginx: NginxChild, device: ServedDevice, load: LoadShape): Promise<ServingResult> {
  const headers = { 'User-Agent': UA };
  const cpu = { nginx: 0, provd: 0 };
  const run = async (server: 'nginx' | 'provd', seconds: number) => {
    const child = server === 'nginx' ? nginx : provd;
    const base = server === 'nginx' ? nginx.base : provd.http;
    const before = cpuSeconds(child.process.pid!);
    const result = await runWrk(tmp, { url: base + device.path, connections: load.connections, threads: load.threads, seconds, headers });
    cpu[server] += cpuSeconds(child.process.pid!) - before;
    return result;
  };
  for (const server of ['nginx', 'provd'] as const) {
    const warm = await run(server, load.warmupSeconds);
    if (warm.errors) throw new Error(`${server} ${device.path}: ${warm.errors} errors during the warm-up`);
  }
  cpu.nginx = cpu.provd = 0;
  const nginxRounds: WrkResult[] = [];
  const provdRounds: WrkResult[] = [];
  for (let i = 0; i < load.rounds; i++) {
    nginxRounds.push(await run('nginx', load.seconds));
    provdRounds.push(await run('provd', load.seconds));
  }
  const nginxAll = combine(nginxRounds);
  const provdAll = combine(provdRounds);
  return {
    nginx: nginxAll,
    provd: provdAll,
    ratio: provdAll.perSecond / nginxAll.perSecond,
    roundRatios: provdRounds.map((p, i) => p.perSecond / nginxRounds[i].perSecond),
    cpuPerRequestUs: { nginx: (cpu.nginx * 1e6) / nginxAll.requests, provd: (cpu.provd * 1e6) / provdAll.requests },
  };
}
