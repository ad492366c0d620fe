import type { DeviceInfo, ProvRequest } from '@dialtone/plugin-sdk';
import type { LoadedPlugin } from '../plugins/host.js';

function extractorOf(plugin: LoadedPlugin, req: ProvRequest) {
  const x = plugin.plugin.extractors;
  if (!x) return undefined;
  return req.kind === 'http' ? x.http : req.kind === 'tftp' ? x.tftp : x.dhcp;
}

/** What the request itself tells: the client address, and the MAC for DHCP. */
export function standardInfo(req: ProvRequest): DeviceInfo {
  return withStandardInfo({}, req);
}

function withStandardInfo(info: DeviceInfo, req: ProvRequest): DeviceInfo {
  if (req.kind === 'dhcp') {
    info.ip = req.ip;
    info.mac = req.mac;
  } else info.ip = req.clientIp;
  return info;
}

const known = (value: unknown) => value !== undefined && value !== null;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Every plugin's extractor for this kind of request runs (the asynchronous ones in parallel);
 * failures and empty answers are ignored. For each key, the value most plugins agree on wins
 * (ties: the first plugin in id order). The standard facts come last and override (reference
 * "last seen"). Answers synchronously when every extractor does (the usual case).
 */
export function extractDeviceInfo(req: ProvRequest, plugins: readonly LoadedPlugin[]): DeviceInfo | Promise<DeviceInfo> {
  let answers: unknown[] | null = null;
  let waiting = false;
  for (const plugin of plugins) {
    const extractor = extractorOf(plugin, req);
    if (!extractor) continue;
    let answer: unknown;
    try {
      answer = extractor.extract(req as never);
    } catch {
      continue;
    }
    if (answer === null || answer === undefined) continue;
    if (isThenable(answer)) {
      waiting = true;
      answer = Promise.resolve(answer).catch(() => null);
    }
    (answers ??= []).push(answer);
  }
  if (!waiting) return combine(answers as DeviceInfo[] | null, req);
  return Promise.all(answers!).then((settled) => combine(settled as (DeviceInfo | null | undefined)[], req));
}

function combine(answers: readonly (DeviceInfo | null | undefined)[] | null, req: ProvRequest): DeviceInfo {
  let info: DeviceInfo;
  if (answers === null) info = {};
  else if (answers.length === 1) info = answers[0] ? knownFacts(answers[0]) : {};
  else info = vote(answers.filter((a): a is DeviceInfo => a !== null && a !== undefined));
  return withStandardInfo(info, req);
}

/** A single answer: nothing to vote on. */
function knownFacts(info: DeviceInfo): DeviceInfo {
  const out: DeviceInfo = {};
  for (const key in info) if (known(info[key])) out[key] = info[key];
  return out;
}

function vote(answers: DeviceInfo[]): DeviceInfo {
  const votes = new Map<string, Map<string, { value: unknown; count: number }>>();
  for (const info of answers) {
    for (const [key, value] of Object.entries(info)) {
      if (!known(value)) continue;
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
  return info;
}
