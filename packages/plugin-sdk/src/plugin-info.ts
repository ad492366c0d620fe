/** The `plugin-info` JSON file at the root of every plugin (reference provd-plugins.md §2). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidDocumentError, SdkError, SdkErrorCode, type Problem } from './errors.js';
import { PLUGIN_IFACE_VERSION } from './plugin.js';

/** Capability fields; a missing key means "unknown". */
export interface Capability {
  lines?: number;
  function_keys?: number;
  expansion_modules?: number;
  high_availability?: boolean;
  switchboard?: boolean;
  multicell?: boolean;
  protocol?: 'sip' | 'sccp' | string;
  type?: string;
  [key: string]: unknown;
}

export interface PluginInfo {
  version: string;
  description?: string;
  /** Keyed `"Vendor, Model, Version"` (display strings; not used for association). */
  capabilities?: Record<string, Capability>;
  plugin_iface_version_min?: number;
  plugin_iface_version_max?: number;
  /** `description_fr`, `vendor`, `vendor.url`… are kept as they are. */
  [key: string]: unknown;
}

const CAPABILITY_TYPES = new Set(['deskphone', 'dect', 'wifidect', 'conference', 'pager', 'ata', 'softphone', 'doorphone', 'generic', 'gateway']);
const LEGACY_CAPABILITY_KEYS: Record<string, string> = { ha: 'high_availability', expansions: 'expansion_modules', proto: 'protocol', 'sip.lines': 'lines' };

/**
 * Reads and validates `<dir>/plugin-info`. Throws DT_ERR_PLUGIN_INFO_MISSING when there is no
 * such file, DT_ERR_PLUGIN_INFO_INVALID (listing every problem) when it is not a plugin-info.
 */
export async function readPluginInfo(dir: string): Promise<PluginInfo> {
  const file = join(dir, 'plugin-info');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SdkError(SdkErrorCode.PLUGIN_INFO_MISSING, `no plugin-info in ${dir}`, { dir }, { cause: err });
    }
    throw err;
  }
  return parsePluginInfo(text, file);
}

export function parsePluginInfo(text: string, source = 'plugin-info'): PluginInfo {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InvalidDocumentError(SdkErrorCode.PLUGIN_INFO_INVALID, source, [{ where: '(json)', message: (err as Error).message }]);
  }
  const problems = pluginInfoProblems(json);
  if (problems.length > 0) throw new InvalidDocumentError(SdkErrorCode.PLUGIN_INFO_INVALID, source, problems);
  return json as PluginInfo;
}

function pluginInfoProblems(json: unknown): Problem[] {
  if (!isObject(json)) return [{ where: '(root)', message: 'must be a JSON object' }];
  const problems: Problem[] = [];
  if (typeof json.version !== 'string' || json.version.trim() === '') problems.push({ where: 'version', message: 'must be a non-empty string' });
  for (const [key, value] of Object.entries(json)) {
    if ((key === 'description' || key.startsWith('description_')) && typeof value !== 'string') problems.push({ where: key, message: 'must be a string' });
  }
  for (const key of ['plugin_iface_version_min', 'plugin_iface_version_max']) {
    if (key in json && (typeof json[key] !== 'number' || !Number.isFinite(json[key]))) problems.push({ where: key, message: 'must be a number' });
  }
  if ('capabilities' in json) {
    if (!isObject(json.capabilities)) problems.push({ where: 'capabilities', message: 'must be an object' });
    else {
      for (const [key, cap] of Object.entries(json.capabilities)) {
        if (!isObject(cap)) problems.push({ where: `capabilities["${key}"]`, message: 'must be an object' });
      }
    }
  }
  return problems;
}

/**
 * Things a lenient reader accepts but an author should fix: legacy capability keys, keys not
 * shaped `Vendor, Model, Version`, unknown device types, missing description.
 */
export function pluginInfoWarnings(info: PluginInfo): string[] {
  const warnings: string[] = [];
  if (info.description === undefined) warnings.push('description: missing');
  for (const [key, cap] of Object.entries(info.capabilities ?? {})) {
    if (key.split(',').length !== 3) warnings.push(`capabilities["${key}"]: key is not "Vendor, Model, Version"`);
    for (const [legacy, current] of Object.entries(LEGACY_CAPABILITY_KEYS)) {
      if (legacy in cap) warnings.push(`capabilities["${key}"].${legacy}: legacy key, use ${current}`);
    }
    if (cap.type !== undefined && !CAPABILITY_TYPES.has(String(cap.type))) warnings.push(`capabilities["${key}"].type: unknown type "${String(cap.type)}"`);
  }
  return warnings;
}

export function isIfaceCompatible(info: PluginInfo, version: number = PLUGIN_IFACE_VERSION): boolean {
  const { plugin_iface_version_min: min, plugin_iface_version_max: max } = info;
  return (min === undefined || min <= version) && (max === undefined || version <= max);
}

/** Throws DT_ERR_PLUGIN_IFACE_MISMATCH when the plugin does not accept this interface version. */
export function checkIfaceVersion(info: PluginInfo, version: number = PLUGIN_IFACE_VERSION): void {
  if (isIfaceCompatible(info, version)) return;
  const min = info.plugin_iface_version_min ?? '-';
  const max = info.plugin_iface_version_max ?? '-';
  throw new SdkError(
    SdkErrorCode.PLUGIN_IFACE_MISMATCH,
    `plugin wants interface version [${min}, ${max}], host implements ${version}`,
    { min: info.plugin_iface_version_min, max: info.plugin_iface_version_max, version },
  );
}

/** `description_<locale>` → `description_<language>` → `description` (reference provd.md §9). */
export function localizedDescription(info: PluginInfo, locale?: string | null): string | undefined {
  if (locale) {
    const candidates = [`description_${locale}`, `description_${locale.split('_')[0]}`];
    for (const key of candidates) if (typeof info[key] === 'string') return info[key] as string;
  }
  return info.description;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
