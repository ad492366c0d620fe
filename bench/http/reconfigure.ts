// Figure 3: a change to one parent config re-renders the files of every device under it, in
// provd's background queue, while wrk keeps loading another device's file: how long until the
// queue is drained (GET /0.2/status), and the p99 latency of serving meanwhile.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProvdChild } from './processes.js';
import type { ProvdClient } from '@dialtone/provd-client';
import { macHex, parallel, withColons } from './bench-util.js';
import { UA, type ServedDevice } from './serving.js';
import { runWrk, type WrkResult } from './wrk.js';

const PARENT = 'bench-parent';
const MAC_PREFIX = 0xdc;

export interface ReconfigureResult {
  devices: number;
  seedSeconds: number;
  /** From the PUT of the parent config until the background queue is empty. */
  seconds: number;
  reconfigured: number;
  failed: number;
  /** wrk on the served device during the reconfigure (started 0.3 s before the PUT). */
  serving: WrkResult;
  /** A reconfigured device's file shows the parent's new value. */
  verified: boolean;
}

interface Progress {
  pending: number;
  done: number;
  failed: number;
  running: boolean;
}

const deviceAddress = (i: number) => `10.200.${(i >> 8) & 255}.${i & 255}`;

/** One config per device (its SIP line) under one shared parent, as a PBX provisions them. */
async function seed(rest: ProvdClient, devices: number, concurrency: number): Promise<void> {
  await rest.configs.create({ id: PARENT, parent_ids: [], raw_config: { ip: '10.9.9.1', X_revision: 1 } });
  await parallel(devices, concurrency, async (i) => {
    const config = `bench-line-${i}`;
    await rest.configs.create({ id: config, parent_ids: [PARENT], raw_config: { sip_lines: { 1: { username: `u${i}`, display_name: `User ${i}` } } } });
    await rest.devices.create({ mac: withColons(macHex(MAC_PREFIX, i)), ip: deviceAddress(i), vendor: 'TestVendor', model: 'T1', plugin: 'test-plugin', config });
  });
}

async function progress(rest: ProvdClient): Promise<Progress> {
  return (await rest.status()).reconfigure as Progress;
}

export async function reconfigure(tmp: string, rest: ProvdClient, provd: ProvdChild, served: ServedDevice, devices: number, connections: number): Promise<ReconfigureResult> {
  const seedStart = performance.now();
  await seed(rest, devices, 16);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  while ((await progress(rest)).running) await sleep(50);
  const before = await progress(rest);

  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const load = runWrk(tmp, { url: provd.http + served.path, connections, threads: 1, seconds: 0, headers: { 'User-Agent': UA }, until: finished });
  await sleep(300);
  const start = performance.now();
  let seconds = NaN;
  let after = before;
  try {
    await rest.configs.update({ id: PARENT, parent_ids: [], raw_config: { ip: '10.9.9.2', X_revision: 2 } });
    for (;;) {
      after = await progress(rest);
      if (!after.running && after.pending === 0) break;
      await sleep(10);
    }
    seconds = (performance.now() - start) / 1000;
  } finally {
    finish();
  }
  const serving = await load;

  const probe = Math.floor(devices / 2);
  const res = await fetch(`${provd.http}/test/${macHex(MAC_PREFIX, probe)}.cfg`, { headers: { 'user-agent': UA, 'x-forwarded-for': deviceAddress(probe) } });
  const text = await res.text();
  return {
    devices,
    seedSeconds,
    seconds,
    reconfigured: after.done - before.done,
    failed: after.failed - before.failed,
    serving,
    verified: res.status === 200 && text.includes('server=10.9.9.2') && text.includes(`line1=u${probe} User ${probe}`),
  };
}
