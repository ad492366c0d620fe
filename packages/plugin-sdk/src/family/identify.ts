/** Extraction rules and the association table of a family. */
import type { DeviceInfo } from '../device.js';
import { DeviceSupport } from '../device-support.js';
import { tryNormalizeMac } from '../mac.js';
import type { DhcpProvRequest, HttpProvRequest, ProvRequest, TftpProvRequest } from '../requests.js';
import type { ExtractRule, Family } from './types.js';

const NULL_MAC = '00:00:00:00:00:00';

function subject(rule: ExtractRule, req: ProvRequest): string | undefined {
  const s = rule.source;
  switch (s.kind) {
    case 'dhcp-option':
      return (req as DhcpProvRequest).options?.[s.option];
    case 'http-path':
      return (req as HttpProvRequest).path;
    case 'http-header':
      return (req as HttpProvRequest).headers?.[s.header];
    case 'tftp-filename':
      return (req as TftpProvRequest).filename;
  }
}

/** A captured group's value after `replace`; a MAC normalized; undefined when empty or invalid. */
function groupValue(rule: ExtractRule, key: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const r = rule.replace[key];
  const v = r ? value.replaceAll(r[0], r[1]) : value;
  if (key !== 'mac') return v;
  const mac = tryNormalizeMac(v);
  return mac !== null && mac !== NULL_MAC ? mac : undefined;
}

/**
 * Runs the family's rules for the request's protocol in order. Each matching rule contributes
 * the family vendor, its `set` keys and its named groups (after `replace`), a group winning over
 * `set` and `set` over the vendor; a key found by an earlier rule is kept. MACs are normalized;
 * invalid and all-zero MACs are dropped. Null when no rule matched. (Written into one object, in
 * the order vendor, `set`, groups: this runs for every request and every family.)
 */
export function extractWithRules(family: Pick<Family, 'vendor' | 'identify'>, req: ProvRequest): DeviceInfo | null {
  const rules = family.identify[req.kind];
  let info: DeviceInfo | null = null;
  for (const rule of rules) {
    const text = subject(rule, req);
    if (typeof text !== 'string') continue;
    const m = rule.regex.exec(text);
    if (m === null) continue;
    const first = info === null;
    const out: DeviceInfo = info ?? (info = { vendor: family.vendor });
    const groups = m.groups;
    for (const key in rule.set) {
      if (!first && out[key] !== undefined) continue;
      out[key] = (groups === undefined ? undefined : groupValue(rule, key, groups[key])) ?? rule.set[key];
    }
    if (groups === undefined) continue;
    for (const key in groups) {
      if (Object.hasOwn(rule.set, key) || (!first && out[key] !== undefined)) continue;
      const value = groupValue(rule, key, groups[key]);
      if (value !== undefined) out[key] = value;
    }
  }
  return info;
}

/**
 * The association table: no vendor → no_vendor (UNKNOWN); another vendor → other_vendor
 * (IMPROBABLE); a listed model at a listed version → EXACT; a listed model → known_model
 * (COMPLETE); else unknown_model (PROBABLE).
 */
export function associateWithTable(family: Pick<Family, 'vendor' | 'models' | 'association'>, info: DeviceInfo): number {
  const a = family.association;
  if (typeof info.vendor !== 'string' || info.vendor === '') return a.noVendor;
  if (info.vendor !== family.vendor) return a.otherVendor;
  if (typeof info.model !== 'string' || !Object.hasOwn(family.models, info.model)) return a.unknownModel;
  const version = info.version;
  if (typeof version === 'string' && a.versions.some((v) => (a.versionMatch === 'exact' ? version === v : version.startsWith(v)))) return DeviceSupport.EXACT;
  return a.knownModel;
}
