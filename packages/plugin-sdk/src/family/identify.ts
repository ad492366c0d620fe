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

/**
 * Runs the family's rules for the request's protocol in order. Each matching rule contributes
 * its named groups (after `replace`), its `set` keys and the family vendor; a key found by an
 * earlier rule is kept. MACs are normalized; invalid and all-zero MACs are dropped. Null when no
 * rule matched.
 */
export function extractWithRules(family: Pick<Family, 'vendor' | 'identify'>, req: ProvRequest): DeviceInfo | null {
  const rules = family.identify[req.kind];
  let info: DeviceInfo | null = null;
  for (const rule of rules) {
    const text = subject(rule, req);
    if (typeof text !== 'string') continue;
    const m = rule.regex.exec(text);
    if (!m) continue;
    const found: DeviceInfo = { vendor: family.vendor };
    for (const key in rule.set) found[key] = rule.set[key];
    const groups = m.groups;
    for (const key in groups) {
      const value = groups[key];
      if (value === undefined || value === '') continue;
      const r = rule.replace[key];
      const v = r ? value.replaceAll(r[0], r[1]) : value;
      if (key === 'mac') {
        const mac = tryNormalizeMac(v);
        if (mac !== null && mac !== NULL_MAC) found.mac = mac;
      } else found[key] = v;
    }
    if (info === null) info = found;
    // an earlier rule's finding wins
    else for (const key in found) if (info[key] === undefined) info[key] = found[key];
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
