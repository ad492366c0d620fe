import type { DeviceDoc } from '../documents/index.js';

/** What a file listing needs from the generated files. */
export interface FileSource {
  names(pluginId: string): string[];
  get(pluginId: string, name: string): { content: Buffer; etag: string; mtime: Date } | undefined;
}

export interface DeviceFile {
  name: string;
  size: number;
  etag: string;
  mtime: string;
  /** The file as text with every secret of the device's raw config masked; null for a binary file. */
  preview: string | null;
  /** The preview stops at PREVIEW_BYTES. */
  truncated: boolean;
}

export const MASK = '••••••';
const PREVIEW_BYTES = 64 * 1024;
/** Raw config keys whose values are secrets (SIP and admin passwords, keys, tokens), at any depth. */
const SECRET_KEY = /(password|passwd|secret|token|_key$|^key$|^pin$)/i;

/** Every secret value of a raw config (strings and numbers under secret keys), longest first. */
export function secretsOf(raw: unknown, out = new Set<string>()): string[] {
  if (Array.isArray(raw)) raw.forEach((v) => secretsOf(v, out));
  else if (raw !== null && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) {
      if (SECRET_KEY.test(key) && (typeof value === 'string' || typeof value === 'number') && String(value) !== '') out.add(String(value));
      else secretsOf(value, out);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each secret replaced by MASK. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out;
}

/**
 * The files a device is served: its plugin's generated files whose name holds the device's MAC
 * (`000fd3054848.cfg`, `SEP000FD3054848.cnf.xml`, `000fd3054848-phone.cfg`: how phones ask for
 * their own file), each with a text preview whose secrets are masked. Files common to every
 * device of the plugin are not listed.
 */
export function deviceFiles(source: FileSource, device: DeviceDoc, raw: Record<string, unknown> | null): DeviceFile[] {
  if (!device.plugin || !device.mac) return [];
  const hex = device.mac.replaceAll(':', '').toLowerCase();
  const secrets = raw ? secretsOf(raw) : [];
  const out: DeviceFile[] = [];
  for (const name of source.names(device.plugin).sort()) {
    if (!name.toLowerCase().replace(/[-:.]/g, '').includes(hex)) continue;
    const file = source.get(device.plugin, name);
    if (!file) continue;
    const head = file.content.subarray(0, PREVIEW_BYTES);
    const binary = head.includes(0);
    out.push({
      name,
      size: file.content.length,
      etag: file.etag,
      mtime: file.mtime.toISOString(),
      preview: binary ? null : maskText(head.toString('utf8'), secrets),
      truncated: !binary && file.content.length > PREVIEW_BYTES,
    });
  }
  return out;
}
