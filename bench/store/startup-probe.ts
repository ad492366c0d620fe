/**
 * Run in a fresh process by run.ts: starts either the bare store (`store`) or a whole provd
 * (`provd`: store, plugins, REST and HTTP servers on ephemeral loopback ports) on a database
 * that already holds the bench data, then reports one JSON line: time from process start to
 * ready, RSS, and lookup latencies measured in this cold process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProvd, openStore, resolveConfig } from '@dialtone/provd';
import { latency } from './measure.js';

interface ProbeInput {
  url: string;
  macs: string[];
  configIds: string[];
}

const mode = process.argv[2];
const input = JSON.parse(process.argv[3]) as ProbeInput;
// performance.now() counts from process start, so readyMs includes node, tsx and module loading
const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

async function probeStore() {
  const opening = performance.now();
  const store = await openStore({ url: input.url });
  const first = await store.devices.find({ mac: input.macs[0] });
  const readyMs = performance.now();
  if (first.length !== 1) throw new Error(`expected one device for ${input.macs[0]}, found ${first.length}`);
  const findMac = await latency(input.macs.length, (i) => store.devices.find({ mac: input.macs[i % input.macs.length] }), 50);
  const rss = mb();
  await store.close();
  return { readyMs, setupMs: readyMs - opening, rssMb: rss, findMac };
}

async function probeProvd() {
  const dataDir = mkdtempSync(join(tmpdir(), 'dialtone-bench-provd-'));
  try {
    const opening = performance.now();
    const config = resolveConfig({
      settings: {
        'general.data_dir': dataDir,
        'database.url': input.url,
        'rest_api.ip': '127.0.0.1',
        'rest_api.port': 0,
        'http.ip': '127.0.0.1',
        'http.port': 0,
        'tftp.enabled': false,
        'log.level': 'silent',
      },
    });
    const provd = await createProvd({ config });
    await provd.listen();
    const readyMs = performance.now();
    const raw = await latency(input.configIds.length, (i) => provd.configs.rawConfig(input.configIds[i % input.configIds.length]), 50);
    const findMac = await latency(input.macs.length, (i) => provd.store.devices.find({ mac: input.macs[i % input.macs.length] }), 50);
    const rss = mb();
    await provd.close();
    return { readyMs, setupMs: readyMs - opening, rssMb: rss, raw, findMac };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const result = mode === 'provd' ? await probeProvd() : await probeStore();
process.stdout.write(`${JSON.stringify({ mode, ...result })}\n`);
