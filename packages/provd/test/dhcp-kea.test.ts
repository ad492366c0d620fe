/**
 * Kea for real (network namespaces, root), with each of the two lease hooks of deploy/dhcp: the
 * forwarding hook library (deploy/dhcp/kea, built by the test) passes option 60, so the device
 * gets its vendor, model and version; Kea's own run_script library with dialtone-kea-hook does
 * not (Kea 2.2 exports no option 60), so the device is known by MAC and address until its first
 * HTTP/TFTP request. Either way the phone gets option 66 from the generated client class.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dhcpPhone } from './dhcp-support/client.js';
import { waitForDevice } from './dhcp-support/devices.js';
import { dhcpinfoToken, installHooks } from './dhcp-support/hooks.js';
import { createLab, type Lab } from './dhcp-support/lab.js';
import { buildForwardingHook, forwardingHook, runScriptHook, runScriptLibrary, startKea } from './dhcp-support/servers.js';
import { startTestProvd, type TestProvd } from './support/provd.js';

const DIGIUM = fileURLToPath(new URL('../../../plugins/digium', import.meta.url));
const MAC = '00:0f:d3:0a:22:02';
const MAC_FORWARD = '00:0f:d3:0a:22:04';

async function keaLab(t: Parameters<typeof createLab>[0], name: string) {
  const lab = createLab(t, name);
  const p = await startTestProvd(t, { 'rest_api.ip': '0.0.0.0', 'general.advertised_http_url': `http://${lab.hostIp}:8667` }, { plugins: [DIGIUM] });
  const hooks = installHooks(lab, Number(new URL(p.rest).port), dhcpinfoToken(p.dataDir));
  const generated = (await (await fetch(`${p.rest}/0.2/dhcp_mgr/config/kea`, { headers: { 'x-auth-token': p.adminToken } })).json()) as { Dhcp4: Record<string, any> };
  const url = generated.Dhcp4['client-classes'][0]['option-data'][0].data as string;
  assert.equal(url, `http://${lab.hostIp}:8667/`);
  return { lab, p, hooks, generated, url };
}

/** Lease, release, lease again, let it run out: the device follows. */
async function leaseCycle(p: TestProvd, lab: Lab, mac: string, url: string, output: () => string): Promise<Record<string, any>> {
  const phone = dhcpPhone(lab, mac, 'digium_D70_1_4_0_0_57389', output);
  const lease = phone.lease();
  assert.equal(lease.tftpServerName, url, 'option 66 from the generated client class');
  assert.ok(lease.ip.startsWith(`${lab.lanPrefix}.`), lease.ip);
  const device = await waitForDevice(p, mac, `at ${lease.ip}`, (d) => d.ip === lease.ip, 20_000, output);

  phone.release();
  await waitForDevice(p, mac, 'without an address after DHCPRELEASE', (d) => d.ip === undefined, 20_000, output);

  const again = phone.lease();
  await waitForDevice(p, mac, `back at ${again.ip}`, (d) => d.ip === again.ip, 20_000, output);
  phone.vanish();
  // a 6 s lease, not renewed: Kea's reclamation (every second) runs lease4_expire
  await waitForDevice(p, mac, 'without an address after the lease expired', (d) => d.ip === undefined, 30_000, output);
  return device;
}

test('Kea with the forwarding hook library: the device gets vendor, model, version and its leased IP; release and expiry take the address off', async (t) => {
  const { lab, p, hooks, generated, url } = await keaLab(t, 'keaf');
  const kea = startKea(lab, generated, 6, forwardingHook(buildForwardingHook(lab), hooks));
  await kea.ready(/DHCP4_STARTED/);
  const device = await leaseCycle(p, lab, MAC_FORWARD, url, kea.output);
  assert.equal(device.vendor, 'Digium');
  assert.equal(device.model, 'D70');
  assert.equal(device.version, '1.4.0.0.57389');
  assert.equal(device.plugin, 'digium');
});

test('Kea with run_script: the device appears at its leased IP (no option 60 from Kea); release and expiry take the address off', async (t) => {
  const runScript = runScriptLibrary(existsSync);
  const { lab, p, hooks, generated, url } = await keaLab(t, 'kear');
  const kea = startKea(lab, generated, 6, runScriptHook(runScript, hooks));
  await kea.ready(/DHCP4_STARTED/);
  const device = await leaseCycle(p, lab, MAC, url, kea.output);
  assert.equal(device.added, 'auto');
  assert.equal(device.vendor, undefined, 'run_script does not pass option 60');
});
