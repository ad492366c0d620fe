/**
 * Kea for real (network namespaces, root): leases reach provd through Kea's run_script hook
 * library and deploy/dhcp/dialtone-kea-hook; the phone gets option 66 from the generated client
 * class. Kea 2.2's run_script exports no option 60, so the device is known by MAC and address
 * until its first HTTP/TFTP request names the model (docs/reference/dhcp.md).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dhcpPhone } from './dhcp-support/client.js';
import { waitForDevice } from './dhcp-support/devices.js';
import { dhcpinfoToken, installHooks } from './dhcp-support/hooks.js';
import { createLab } from './dhcp-support/lab.js';
import { runScriptLibrary, startKea } from './dhcp-support/servers.js';
import { startTestProvd } from './support/provd.js';

const DIGIUM = fileURLToPath(new URL('../../../plugins/digium', import.meta.url));
const MAC = '00:0f:d3:0a:22:02';

test('Kea: commit creates the device at its leased IP, release and expiry take the address off', async (t) => {
  const runScript = runScriptLibrary(existsSync);
  const lab = createLab(t, 'kea');
  const p = await startTestProvd(t, { 'rest_api.ip': '0.0.0.0', 'general.advertised_http_url': `http://${lab.hostIp}:8667` }, { plugins: [DIGIUM] });
  const hooks = installHooks(lab, Number(new URL(p.rest).port), dhcpinfoToken(p.dataDir));
  const generated = (await (await fetch(`${p.rest}/0.2/dhcp_mgr/config/kea`, { headers: { 'x-auth-token': p.adminToken } })).json()) as { Dhcp4: Record<string, any> };
  const url = generated.Dhcp4['client-classes'][0]['option-data'][0].data as string;
  assert.equal(url, `http://${lab.hostIp}:8667/`);
  const kea = startKea(lab, generated, hooks, 6, runScript);
  const phone = dhcpPhone(lab, MAC, 'digium_D70_1_4_0_0_57389');

  const lease = phone.lease();
  assert.equal(lease.tftpServerName, url, 'option 66 from the generated client class');
  assert.ok(lease.ip.startsWith(`${lab.lanPrefix}.`), lease.ip);
  const device = await waitForDevice(p, MAC, `at ${lease.ip}`, (d) => d.ip === lease.ip, 20_000, kea.output);
  assert.equal(device.added, 'auto');

  phone.release();
  await waitForDevice(p, MAC, 'without an address after DHCPRELEASE', (d) => d.ip === undefined, 20_000, kea.output);

  const again = phone.lease();
  await waitForDevice(p, MAC, `back at ${again.ip}`, (d) => d.ip === again.ip, 20_000, kea.output);
  phone.vanish();
  // a 6 s lease, not renewed: Kea's reclamation (every second) runs lease4_expire
  await waitForDevice(p, MAC, 'without an address after the lease expired', (d) => d.ip === undefined, 30_000, kea.output);
});
