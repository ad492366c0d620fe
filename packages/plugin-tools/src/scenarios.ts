/**
 * `test/identify.yml`: what each model sends when it boots (DHCP option 60, HTTP path and
 * User-Agent, TFTP file names) and what provd must conclude. Lint checks the list against the
 * models; `dialtone-plugin test` replays it through provd's real identification pipeline.
 */
import { tryNormalizeMac, type DhcpProvRequest, type HttpProvRequest, type TftpProvRequest } from '@dialtone/plugin-sdk';
import { parse as parseYaml } from 'yaml';
import type { Finding } from './errors.js';
import { yamlLineOf } from './yaml-lines.js';

export const SCENARIOS_FILE = 'test/identify.yml';

export type ScenarioRequest =
  | { readonly kind: 'dhcp'; readonly vendorClass?: string; readonly options: Readonly<Record<number, string>> }
  | { readonly kind: 'http'; readonly path: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'tftp'; readonly filename: string };

export interface Scenario {
  readonly model: string;
  readonly mac: string;
  readonly ip: string;
  readonly requests: readonly ScenarioRequest[];
  /** Device fields provd must hold after the requests (vendor, model, version, mac…). */
  readonly expect: Readonly<Record<string, string>>;
  /**
   * The plugin the device must end up with: the tested plugin unless `expect.plugin` names another
   * id, or is null (an identification-only family that never takes a device).
   */
  readonly plugin?: string | null;
  /** Files the phone then fetches; each must be served (`http:` or `tftp:` prefix, default http). */
  readonly fetch: readonly string[];
  /** Index in the file, for messages. */
  readonly index: number;
}

export function parseScenarios(text: string, findings: Finding[]): Scenario[] {
  const say = (field: string, message: string) => findings.push({ file: SCENARIOS_FILE, line: yamlLineOf(text, field), field, message });
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: true });
  } catch (err) {
    findings.push({ file: SCENARIOS_FILE, message: (err as Error).message.split('\n')[0] });
    return [];
  }
  if (!Array.isArray(doc)) {
    say('', 'must be a list of { model, mac, requests, expect }');
    return [];
  }
  const out: Scenario[] = [];
  doc.forEach((raw: unknown, i) => {
    const w = `[${i}]`;
    const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['model', 'mac', 'ip', 'requests', 'expect', 'fetch'].includes(k)) say(`${w}.${k}`, 'unknown key (allowed: model, mac, ip, requests, expect, fetch)');
    if (typeof o.model !== 'string' || o.model === '') return say(`${w}.model`, 'must be the model name');
    const mac = typeof o.mac === 'string' ? tryNormalizeMac(o.mac) : null;
    if (mac === null) return say(`${w}.mac`, 'must be a MAC address');
    const requests: ScenarioRequest[] = [];
    const list = Array.isArray(o.requests) ? o.requests : [];
    if (list.length === 0) say(`${w}.requests`, 'must list the requests the phone sends');
    list.forEach((r: unknown, j) => {
      const rw = `${w}.requests[${j}]`;
      const req = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
      const kinds = Object.keys(req);
      if (kinds.length !== 1 || !['dhcp', 'http', 'tftp'].includes(kinds[0])) return say(rw, 'must be one of { dhcp: … }, { http: … }, { tftp: <file name> }');
      const v = req[kinds[0]];
      if (kinds[0] === 'tftp') {
        if (typeof v !== 'string' || v === '') return say(`${rw}.tftp`, 'must be the file name');
        requests.push({ kind: 'tftp', filename: v });
      } else if (kinds[0] === 'http') {
        const h = (typeof v === 'string' ? { path: v } : v) as Record<string, unknown> | null;
        if (!h || typeof h.path !== 'string' || !h.path.startsWith('/')) return say(`${rw}.http.path`, 'must be a path starting with "/"');
        const headers: Record<string, string> = {};
        if (typeof h.user_agent === 'string') headers['user-agent'] = h.user_agent;
        for (const [k, hv] of Object.entries((h.headers ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(hv);
        requests.push({ kind: 'http', path: h.path, headers });
      } else {
        const d = (v ?? {}) as Record<string, unknown>;
        const options: Record<number, string> = {};
        for (const [k, ov] of Object.entries((d.options ?? {}) as Record<string, unknown>)) options[Number(k)] = String(ov);
        if (typeof d.vendor_class === 'string') options[60] = d.vendor_class;
        requests.push({ kind: 'dhcp', vendorClass: typeof d.vendor_class === 'string' ? d.vendor_class : undefined, options });
      }
    });
    const expect: Record<string, string> = {};
    let plugin: string | null | undefined;
    for (const [k, ev] of Object.entries((o.expect ?? {}) as Record<string, unknown>)) {
      if (k !== 'plugin') expect[k] = String(ev);
      else if (ev === null || typeof ev === 'string') plugin = ev;
      else say(`${w}.expect.plugin`, 'must be a plugin id, or null for "no plugin takes it"');
    }
    expect.model ??= o.model;
    const fetch = Array.isArray(o.fetch) ? o.fetch.map(String) : [];
    out.push({ model: o.model, mac, ip: typeof o.ip === 'string' ? o.ip : '127.0.0.1', requests, expect, ...(plugin === undefined ? {} : { plugin }), fetch, index: i });
  });
  return out;
}

/** The request as provd's pipeline receives it (for the rule-only check of lint). */
export function toProvRequest(s: Scenario, r: ScenarioRequest): DhcpProvRequest | HttpProvRequest | TftpProvRequest {
  if (r.kind === 'dhcp') return { kind: 'dhcp', mac: s.mac, ip: s.ip, options: r.options };
  if (r.kind === 'http') return { kind: 'http', method: 'GET', path: r.path, query: '', headers: r.headers, clientIp: s.ip };
  return { kind: 'tftp', filename: r.filename, mode: 'octet', options: {}, clientIp: s.ip };
}
