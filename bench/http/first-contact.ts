// Figure 2: first contact of unknown phones. Each phone is one GET of /test/<mac>.cfg with its
// User-Agent, from its own address: provd trusts one proxy (http.trusted_proxies_count: 1), so
// the X-Forwarded-For header the bench sets is the phone's address as provd sees it. With an
// `autocreate` config present, each first contact is identified, added, associated with the
// plugin, configured and answered 200 with its file; anything else counts as an error.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { cpuSeconds, mainThreadCpuSeconds, type ProvdChild } from './processes.js';
import type { ProvdClient } from '@dialtone/provd-client';
import { macHex, parallel, withColons } from './bench-util.js';
import { UA } from './serving.js';

export interface FirstContactResult {
  phones: number;
  seconds: number;
  perSecond: number;
  errors: number;
  /** A few of the unexpected answers, for the report. */
  samples: string[];
  latencyMs: { p50: number; p99: number };
  /** provd's CPU time (all threads) per phone, in ms. */
  cpuMsPerPhone: number;
  /** provd's event-loop thread alone per phone, in ms: what bounds phones/s. */
  mainThreadMsPerPhone: number;
  /** Devices provd holds for the bench's MACs afterwards, and how many are configured. */
  devices: number;
  configured: number;
}

export function phoneAddress(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function get(agent: Agent, base: URL, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const MAC_PREFIX = 0xfc;

export async function firstContact(rest: ProvdClient, provd: ProvdChild, phones: number, concurrency: number): Promise<FirstContactResult> {
  await rest.configs.create({ id: 'autoprov', role: 'autocreate', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'autoprov', display_name: 'Autoprov' } } } });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const base = new URL(provd.http);
  let errors = 0;
  const samples: string[] = [];
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(provd.process.pid!);
  const mainBefore = mainThreadCpuSeconds(provd.process.pid!);
  const start = performance.now();
  await parallel(phones, concurrency, async (i) => {
    const hex = macHex(MAC_PREFIX, i + 1);
    const sent = performance.now();
    try {
      const res = await get(agent, base, `/test/${hex}.cfg`, { 'user-agent': UA, 'x-forwarded-for': phoneAddress(i + 1) });
      latencies.push(performance.now() - sent);
      if (res.status !== 200 || !res.body.includes('line1=autoprov')) {
        errors++;
        if (samples.length < 3) samples.push(`${hex}: ${res.status} ${res.body.slice(0, 80)}`);
      }
    } catch (err) {
      errors++;
      if (samples.length < 3) samples.push(`${hex}: ${(err as Error).message}`);
    }
  });
  const seconds = (performance.now() - start) / 1000;
  const cpuMsPerPhone = ((cpuSeconds(provd.process.pid!) - cpuBefore) * 1000) / phones;
  const mainThreadMsPerPhone = ((mainThreadCpuSeconds(provd.process.pid!) - mainBefore) * 1000) / phones;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;

  const ours = new Set(Array.from({ length: phones }, (_, i) => withColons(macHex(MAC_PREFIX, i + 1))));
  const body = { devices: await rest.devices.list({ fields: ['mac', 'configured'] }) };
  const found = body.devices.filter((d) => d.mac !== undefined && ours.has(d.mac));
  return {
    phones,
    seconds,
    perSecond: phones / seconds,
    errors,
    samples,
    latencyMs: { p50: at(0.5), p99: at(0.99) },
    cpuMsPerPhone,
    mainThreadMsPerPhone,
    devices: found.length,
    configured: found.filter((d) => d.configured).length,
  };
}
