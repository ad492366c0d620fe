/**
 * What the built-in drivers read from provd, over its REST API only (never its store): devices,
 * configs, and the SIP lines of each device's flattened raw config. Sends `X-Auth-Token` when
 * `provd.token` is set.
 */
import type { ConfgendConfig } from '../config/config.js';

const MEDIA = 'application/vnd.proformatique.provd+json';

export interface SipLine {
  readonly device: string;
  readonly mac: string | null;
  /** The line number (sip_lines key). */
  readonly line: string;
  readonly username: string;
  readonly authUsername: string;
  readonly password: string;
  readonly displayName: string | null;
  readonly number: string | null;
  readonly dtmfMode: string | null;
  readonly srtpMode: string | null;
  readonly voicemail: string | null;
  readonly transport: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** GET on provd's REST API; an error names the route and carries provd's status and message. */
export async function provdRequest(config: ConfgendConfig, path: string, signal: AbortSignal, accept = MEDIA): Promise<Response> {
  const headers: Record<string, string> = { accept };
  if (config.provd.token) headers['x-auth-token'] = config.provd.token;
  const url = `${config.provd.url.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    throw new Error(`provd at ${config.provd.url} unreachable (GET ${path}): ${e.cause?.code ?? e.message}`);
  }
  if (!response.ok) {
    const text = (await response.text()).slice(0, 300).trim();
    throw new Error(`provd GET ${path} answered ${response.status}${text ? `: ${text}` : ''}`);
  }
  return response;
}

async function getJson(config: ConfgendConfig, path: string, signal: AbortSignal): Promise<Json> {
  const body = (await (await provdRequest(config, path, signal)).json()) as unknown;
  if (!isObject(body)) throw new Error(`provd GET ${path}: not a JSON object`);
  return body;
}

/** The part of a flattened raw config the SIP drivers read. */
export interface SipRawConfig {
  sip_lines: Record<string, Json>;
  scalars: Json;
}

const SIP_SCALARS = ['sip_dtmf_mode', 'sip_srtp_mode', 'sip_transport'] as const;

/**
 * provd's inheritance (parents depth-first in order, each config once, the config itself last;
 * mappings merge, anything else replaces), computed only for sip_lines and the sip_* keys used.
 */
export function flattenSip(configs: ReadonlyMap<string, Json>, id: string): SipRawConfig {
  const out: SipRawConfig = { sip_lines: {}, scalars: {} };
  const visited = new Set<string>();
  const visit = (configId: string) => {
    if (visited.has(configId)) return;
    visited.add(configId);
    const config = configs.get(configId);
    if (!config) return;
    const parents = Array.isArray(config.parent_ids) ? config.parent_ids : [];
    for (const p of parents) if (typeof p === 'string') visit(p);
    const raw = config.raw_config;
    if (!isObject(raw)) return;
    for (const key of SIP_SCALARS) if (key in raw) out.scalars[key] = raw[key];
    if (isObject(raw.sip_lines)) {
      for (const [n, line] of Object.entries(raw.sip_lines)) {
        const current = out.sip_lines[n];
        if (isObject(line)) out.sip_lines[n] = isObject(current) ? { ...current, ...line } : { ...line };
        else delete out.sip_lines[n];
      }
    } else if ('sip_lines' in raw) out.sip_lines = {};
  }
  visit(id);
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** Every SIP line of every device that has a config, ordered by device id then line number. */
export async function readSipLines(config: ConfgendConfig, signal: AbortSignal): Promise<SipLine[]> {
  const [devicesBody, configsBody] = await Promise.all([
    getJson(config, '/0.2/dev_mgr/devices?fields=id,mac,config', signal),
    getJson(config, '/0.2/cfg_mgr/configs?fields=id,parent_ids,raw_config', signal),
  ]);
  const devices = Array.isArray(devicesBody.devices) ? devicesBody.devices.filter(isObject) : [];
  const configs = new Map<string, Json>();
  for (const c of Array.isArray(configsBody.configs) ? configsBody.configs.filter(isObject) : []) if (typeof c.id === 'string') configs.set(c.id, c);
  const flattened = new Map<string, SipRawConfig>();
  const lines: SipLine[] = [];
  devices.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  for (const device of devices) {
    if (typeof device.config !== 'string' || !configs.has(device.config)) continue;
    let raw = flattened.get(device.config);
    if (!raw) flattened.set(device.config, (raw = flattenSip(configs, device.config)));
    const sipLines = raw.sip_lines;
    const numbers = Object.keys(sipLines).sort((a, b) => Number(a) - Number(b));
    for (const n of numbers) {
      const l = sipLines[n];
      if (!isObject(l)) continue;
      const username = str(l.username);
      if (!username) continue;
      lines.push({
        device: String(device.id),
        mac: str(device.mac),
        line: n,
        username,
        authUsername: str(l.auth_username) ?? username,
        password: str(l.password) ?? '',
        displayName: str(l.display_name),
        number: str(l.number),
        dtmfMode: str(l.dtmf_mode) ?? str(raw.scalars.sip_dtmf_mode),
        srtpMode: str(l.srtp_mode) ?? str(raw.scalars.sip_srtp_mode),
        voicemail: str(l.voicemail),
        transport: str(raw.scalars.sip_transport) ?? 'udp',
      });
    }
  }
  return lines;
}
