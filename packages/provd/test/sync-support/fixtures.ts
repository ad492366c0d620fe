/**
 * What the synchronize tests share: a family plugin written on the fly (its family.yml declares
 * the NOTIFY event), a configured device, free UDP ports and polling an operation to its end.
 */
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProvd } from '../support/provd.js';

export function familyPlugin(t: { after(fn: () => void): void }, id: string, syncEvent: string): string {
  const root = mkdtempSync(join(tmpdir(), 'provd-sync-plugin-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, id);
  mkdirSync(dir);
  writeFileSync(join(dir, 'plugin-info'), JSON.stringify({ version: '1.0', description: 'synchronize test family', capabilities: {}, plugin_iface_version_min: 1, plugin_iface_version_max: 1 }));
  writeFileSync(join(dir, 'family.yml'), `vendor: Acme\nmodels:\n  A1: { lines: 1 }\nsync_event: '${syncEvent}'\n`);
  return dir;
}

/** A device of that plugin with a config, configured; returns its id. */
export async function configuredDevice(p: TestProvd, plugin: string, device: Record<string, unknown>, raw: Record<string, unknown> = {}): Promise<string> {
  const config = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: raw } });
  if (config.status !== 201) throw new Error(`config: ${config.status} ${config.text}`);
  const created = await p.call('POST', '/0.2/dev_mgr/devices', { device: { plugin, config: config.body.id, ...device } });
  if (created.status !== 201) throw new Error(`device: ${created.status} ${created.text}`);
  await p.provd.idle();
  const stored = await p.call('GET', `/0.2/dev_mgr/devices/${created.body.id}`);
  if (stored.body.device.configured !== true) throw new Error(`device not configured: ${stored.text}`);
  return created.body.id as string;
}

export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Polls the operation at `location` until it succeeds or fails; returns its last status body. */
export async function operationOutcome(p: TestProvd, location: string, timeoutMs = 20_000): Promise<{ status: string; error?: { code: string; message: string } }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await p.call('GET', location);
    if (got.status !== 200) throw new Error(`GET ${location}: ${got.status} ${got.text}`);
    if (/\|(success|fail)/.test(got.body.status)) return got.body;
    if (Date.now() > deadline) throw new Error(`operation ${location} still ${got.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
