/**
 * Simulated boots: a real provd (ephemeral, loopback) with the built plugins installed; each
 * scenario's DHCP commit (REST /dev_mgr/dhcpinfo), HTTP GETs and TFTP RRQs go through provd's own
 * identification pipeline (extract → retrieve → update → associate). Then the device must hold
 * the expected facts and this plugin, and once configured, every file it fetches must be served.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from './scenarios.js';
import { httpGet, tftpGet } from './loopback-clients.js';

const MEDIA = 'application/vnd.proformatique.provd+json';

export interface SimulatedPlugin {
  readonly id: string;
  /** An installed-layout folder named after the id. */
  readonly dir: string;
  readonly scenarios: readonly Scenario[];
}

export interface SimulationOutcome {
  readonly plugin: string;
  readonly model: string;
  readonly mac: string;
  /** Empty when the scenario passed. */
  readonly problems: readonly string[];
}

/** The raw config a simulated phone is configured with: two lines on one proxy. */
export const SIMULATION_RAW_CONFIG = {
  sip_lines: {
    '1': { username: 'sim1001', password: 'sim-secret-1', display_name: 'Line One', number: '1001', proxy_ip: '10.0.0.10' },
    '2': { username: 'sim1002', password: 'sim-secret-2', display_name: 'Line Two', number: '1002', proxy_ip: '10.0.0.10' },
  },
  locale: 'fr_FR',
  timezone: 'Europe/Paris',
};

function hexOption(code: number, value: string): string {
  return `${String(code).padStart(3, '0')}${[...Buffer.from(value, 'latin1')].map((b) => b.toString(16).padStart(2, '0')).join('.')}`;
}

/** Runs every plugin's scenarios in one provd holding all the plugins (so identification competes as in production). */
export async function simulate(plugins: readonly SimulatedPlugin[]): Promise<SimulationOutcome[]> {
  const { startEphemeralProvd } = await import('@dialtone/provd/testing');
  const pino = (await import('pino')).default;
  const provd = await startEphemeralProvd({ plugins: plugins.map((p) => p.dir), logger: pino({ level: 'silent' }) });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(provd.rest + path, {
      method,
      headers: { accept: MEDIA, 'x-auth-token': provd.adminToken, ...(body === undefined ? {} : { 'content-type': MEDIA }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text && (res.headers.get('content-type') ?? '').startsWith(MEDIA) ? (JSON.parse(text) as Record<string, any>) : null, text };
  };
  const outcomes: SimulationOutcome[] = [];
  try {
    let n = 0;
    for (const plugin of plugins) {
      for (const s of plugin.scenarios) {
        n++;
        const ip = `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
        outcomes.push({ plugin: plugin.id, model: s.model, mac: s.mac, problems: await runScenario(s, plugin.id, ip, provd, call) });
      }
    }
  } finally {
    await provd.close();
  }
  return outcomes;
}

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Record<string, any> | null; text: string }>;

async function runScenario(s: Scenario, pluginId: string, ip: string, provd: { http: string; tftpPort: number; provd: { idle(): Promise<void> } }, call: Call): Promise<string[]> {
  const problems: string[] = [];
  for (const r of s.requests) {
    if (r.kind === 'dhcp') {
      const options = Object.entries(r.options).map(([code, v]) => hexOption(Number(code), v));
      const res = await call('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: { op: 'commit', ip, mac: s.mac, options } });
      if (res.status !== 204) problems.push(`DHCP commit: HTTP ${res.status} ${res.text}`);
    } else if (r.kind === 'http') {
      await httpGet(provd.http + r.path, r.headers, ip);
    } else {
      if (provd.tftpPort === 0) problems.push('TFTP request but provd has no TFTP server');
      else await tftpGet(provd.tftpPort, r.filename, ip).catch((err: Error) => problems.push(`TFTP ${r.filename}: ${err.message}`));
    }
  }
  await provd.provd.idle();
  const found = await call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac: s.mac }))}`);
  const device = (found.body?.devices as Array<Record<string, any>> | undefined)?.find((d) => d.mac === s.mac);
  if (!device) return [...problems, `no device with MAC ${s.mac} after the requests`];
  for (const [key, want] of Object.entries(s.expect)) if (device[key] !== want) problems.push(`device ${key} is ${JSON.stringify(device[key])}, expected ${JSON.stringify(want)}`);
  const wanted = s.plugin === undefined ? pluginId : s.plugin;
  if ((device.plugin ?? null) !== wanted) problems.push(`associated with ${JSON.stringify(device.plugin ?? null)}, expected ${JSON.stringify(wanted)}`);
  if (problems.length > 0 || s.fetch.length === 0) return problems;
  const config = await call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: SIMULATION_RAW_CONFIG } });
  if (config.status !== 201) return [...problems, `cannot create a config: HTTP ${config.status} ${config.text}`];
  const { id, configured: _c, is_new: _n, ...body } = device;
  const put = await call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { ...body, config: config.body?.id } });
  if (put.status !== 204) return [...problems, `cannot configure the device: HTTP ${put.status} ${put.text}`];
  await provd.provd.idle();
  const after = await call('GET', `/0.2/dev_mgr/devices/${id}`);
  if (after.body?.device?.configured !== true) return [...problems, `configure failed: ${after.body?.device?.configure_error ?? 'not configured'}`];
  let mentioned = false;
  for (const file of s.fetch) {
    const [proto, name] = file.startsWith('tftp:') ? ['tftp', file.slice(5)] : ['http', file.replace(/^http:/, '')];
    const got = proto === 'tftp' ? await tftpGet(provd.tftpPort, name, ip) : await httpGet(`${provd.http}/${name.replace(/^\//, '')}`, {}, ip);
    if (got.status !== 200) problems.push(`${proto} ${name}: status ${got.status}`);
    else if (got.body.length === 0) problems.push(`${proto} ${name}: empty`);
    else if (got.body.includes('sim1001')) mentioned = true;
  }
  if (problems.length === 0 && !mentioned) problems.push(`none of ${s.fetch.join(', ')} holds line 1 (sim1001) of the configured device`);
  return problems;
}

/** A temp folder for staged plugins, removed by the returned function. */
export async function stagingDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dialtone-plugin-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
