/**
 * Built-in driver asterisk/pjsip.conf: [global], [system], the configured transports, then for
 * each SIP line of provd's devices an endpoint, an auth and an aor named after the line's
 * username. A line that cannot be written safely (a name Asterisk would misread, a duplicate
 * username, a password with line breaks) is left out with a `; skipped:` comment and a warning,
 * so one bad line never blocks the others. Layout: template `pjsip.conf.jinja` (overridable).
 */
import type { Driver, DriverContext } from '../driver.js';
import { readSipLines, type SipLine } from './provd-rest.js';

type Options = [string, string][];

export interface PjsipSettings {
  readonly transports?: Record<string, Record<string, unknown>>;
  readonly endpoint?: Record<string, unknown>;
  readonly global?: Record<string, unknown>;
  readonly system?: Record<string, unknown>;
}

const SPECIAL = /[;\x00-\x1f\x7f]/;
const CONTROL = /[\x00-\x1f\x7f]/;
const SECTION_NAME = /^[A-Za-z0-9_.+@-]{1,80}$/;
const DTMF: Record<string, string> = { 'RTP-in-band': 'inband', 'RTP-out-of-band': 'rfc4733', 'SIP-INFO': 'info' };

/** A value as res_pjsip reads it back: `;` escaped; line breaks and outer spaces cannot be kept. */
export function pjsipValue(value: unknown): string {
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join(',') : String(value);
  if (!SPECIAL.test(text)) return text;
  if (CONTROL.test(text)) throw new Error(`value ${JSON.stringify(text)} has a control character`);
  return text.replace(/;/g, '\\;');
}

function toOptions(map: Record<string, unknown> | undefined, skip: ReadonlySet<string> = new Set()): Options {
  const out: Options = [];
  for (const [key, value] of Object.entries(map ?? {})) {
    if (skip.has(key) || value === null || value === undefined) continue;
    out.push([key, pjsipValue(value)]);
  }
  return out;
}

export interface PjsipModel {
  global: Options;
  system: Options;
  transports: { name: string; options: Options }[];
  lines: { comment: string; name: string; endpoint: Options; auth: Options; aor: Options }[];
  skipped: string[];
}

/** Builds what the template lays out. Exported for the golden tests and the benchmark. */
export function buildModel(settings: PjsipSettings, lines: readonly SipLine[]): PjsipModel {
  const transports = Object.entries(settings.transports ?? {}).map(([name, options]) => ({ name, options: [['type', 'transport'], ...toOptions(options, new Set(['type']))] as Options }));
  const transportNames = new Set(transports.map((t) => t.name));
  const endpoint = settings.endpoint ?? {};
  const allow = endpoint.allow;
  const base: Options = [['type', 'endpoint'], ...toOptions(endpoint, new Set(['type', 'allow', 'disallow', 'transport']))];
  if (allow !== undefined) base.push(['disallow', 'all'], ['allow', pjsipValue(allow)]);
  const defaultTransport = typeof endpoint.transport === 'string' ? endpoint.transport : null;
  const model: PjsipModel = {
    global: [['type', 'global'], ...toOptions(settings.global, new Set(['type']))],
    system: [['type', 'system'], ...toOptions(settings.system, new Set(['type']))],
    transports,
    lines: [],
    skipped: [],
  };
  const used = new Map<string, SipLine>();
  for (const l of lines) {
    const where = `device ${l.device}${l.mac ? ` (${l.mac})` : ''} line ${l.line}`;
    const skip = (why: string) => model.skipped.push(`${where}: ${why}`);
    if (!SECTION_NAME.test(l.username)) {
      skip(`username ${JSON.stringify(l.username)} is not a section name (letters, digits, "_", ".", "+", "@", "-")`);
      continue;
    }
    const earlier = used.get(l.username);
    if (earlier) {
      skip(`username ${l.username} is already used by device ${earlier.device} line ${earlier.line}`);
      continue;
    }
    try {
      const ep: Options = [...base];
      const transport = transportNames.has(`transport-${l.transport}`) ? `transport-${l.transport}` : defaultTransport;
      if (transport) ep.push(['transport', pjsipValue(transport)]);
      ep.push(['auth', l.username], ['aors', l.username]);
      if (l.displayName || l.number) ep.push(['callerid', pjsipValue(`"${(l.displayName ?? l.number ?? '').replace(/"/g, '')}" <${l.number ?? l.username}>`)]);
      if (l.dtmfMode && DTMF[l.dtmfMode]) ep.push(['dtmf_mode', DTMF[l.dtmfMode]]);
      if (l.srtpMode === 'required' || l.srtpMode === 'preferred') ep.push(['media_encryption', 'sdes']);
      if (l.srtpMode === 'preferred') ep.push(['media_encryption_optimistic', 'yes']);
      if (l.voicemail) ep.push(['mailboxes', pjsipValue(l.voicemail.includes('@') ? l.voicemail : `${l.voicemail}@default`)]);
      if (l.password !== l.password.trim()) throw new Error('the password has leading or trailing spaces, which Asterisk drops');
      const auth: Options = [['type', 'auth'], ['auth_type', 'userpass'], ['username', pjsipValue(l.authUsername)], ['password', pjsipValue(l.password)]];
      const aor: Options = [['type', 'aor'], ['max_contacts', '1'], ['remove_existing', 'yes']];
      model.lines.push({ comment: where, name: l.username, endpoint: ep, auth, aor });
      used.set(l.username, l);
    } catch (err) {
      skip((err as Error).message);
    }
  }
  return model;
}

export class AsteriskPjsipDriver implements Driver {
  constructor(private readonly context: DriverContext) {}

  async generate(): Promise<string> {
    const { config, templates, logger, signal } = this.context;
    const lines = await readSipLines(config, signal);
    const model = buildModel((config.asterisk_pjsip ?? {}) as PjsipSettings, lines);
    for (const s of model.skipped) logger.warn({ line: s }, 'SIP line skipped');
    return templates.render('pjsip.conf', { ...model, provd_url: config.provd.url });
  }
}
