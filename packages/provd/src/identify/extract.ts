import type { DeviceInfo, ProvRequest } from '@dialtone/plugin-sdk';
import type { LoadedPlugin } from '../plugins/host.js';

function extractorOf(plugin: LoadedPlugin, req: ProvRequest) {
  const x = plugin.plugin.extractors;
  if (!x) return undefined;
  return req.kind === 'http' ? x.http : req.kind === 'tftp' ? x.tftp : x.dhcp;
}

/** What the request itself tells: the client address, and the MAC for DHCP. */
export function standardInfo(req: ProvRequest): DeviceInfo {
  if (req.kind === 'dhcp') return { ip: req.ip, mac: req.mac };
  return { ip: req.clientIp };
}

/**
 * Every plugin's extractor for this kind of request runs (in parallel); failures and empty
 * answers are ignored. For each key, the value most plugins agree on wins (ties: the first
 * plugin in id order). The standard facts come last and override (reference "last seen").
 */
export async function extractDeviceInfo(req: ProvRequest, plugins: readonly LoadedPlugin[]): Promise<DeviceInfo> {
  const results = await Promise.all(
    plugins.map(async (p) => {
      const extractor = extractorOf(p, req);
      if (!extractor) return null;
      try {
        return (await extractor.extract(req as never)) ?? null;
      } catch {
        return null;
      }
    }),
  );
  const votes = new Map<string, Map<string, { value: unknown; count: number }>>();
  for (const info of results) {
    if (!info) continue;
    for (const [key, value] of Object.entries(info)) {
      if (value === undefined || value === null) continue;
      let perKey = votes.get(key);
      if (!perKey) votes.set(key, (perKey = new Map()));
      const k = JSON.stringify(value);
      const entry = perKey.get(k);
      if (entry) entry.count++;
      else perKey.set(k, { value, count: 1 });
    }
  }
  const info: DeviceInfo = {};
  for (const [key, perKey] of votes) {
    let best: { value: unknown; count: number } | undefined;
    for (const candidate of perKey.values()) if (!best || candidate.count > best.count) best = candidate;
    info[key] = best!.value;
  }
  return { ...info, ...standardInfo(req) };
}
