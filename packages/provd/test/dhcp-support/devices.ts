import type { TestProvd } from '../support/provd.js';

export type Device = Record<string, any>;

/** The devices with this MAC, as the REST API lists them. */
export async function devicesWithMac(p: TestProvd, mac: string): Promise<Device[]> {
  const got = await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac }))}`);
  if (got.status !== 200) throw new Error(`devices: ${got.status} ${got.text}`);
  return got.body.devices as Device[];
}

/** Waits until the one device with this MAC satisfies `check`; says what was seen on timeout. */
export async function waitForDevice(p: TestProvd, mac: string, what: string, check: (d: Device) => boolean, timeoutMs = 20_000, output?: () => string): Promise<Device> {
  const deadline = Date.now() + timeoutMs;
  let seen: Device[] = [];
  for (;;) {
    seen = await devicesWithMac(p, mac);
    if (seen.length === 1 && check(seen[0]!)) return seen[0]!;
    if (seen.length > 1) throw new Error(`${seen.length} devices with MAC ${mac}: ${JSON.stringify(seen)}`);
    if (Date.now() > deadline) throw new Error(`after ${timeoutMs} ms, still not ${what}: ${JSON.stringify(seen)}\n${output?.() ?? ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
