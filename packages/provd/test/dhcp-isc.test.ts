/**
 * ISC dhcpd for real (network namespaces, root): the phone's lease reaches provd through the
 * on commit/release/expiry hooks of deploy/dhcp, and the phone gets option 66 from the
 * configuration provd generated.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dhcpPhone } from './dhcp-support/client.js';
import { waitForDevice } from './dhcp-support/devices.js';
import { dhcpinfoToken, installHooks } from './dhcp-support/hooks.js';
import { createLab } from './dhcp-support/lab.js';
import { startIscDhcpd } from './dhcp-support/servers.js';
import { startTestProvd } from './support/provd.js';

const DIGIUM = fileURLToPath(new URL('../../../plugins/digium', import.meta.url));
const MAC = '00:0f:d3:0a:11:01';

test('ISC dhcpd: commit creates the device (vendor, model, version, leased IP), release and expiry take the address off', async (t) => {
  const lab = createLab(t, 'isc');
  const p = await startTestProvd(t, { 'rest_api.ip': '0.0.0.0', 'general.advertised_http_url': `http://${lab.hostIp}:8667` }, { plugins: [DIGIUM] });
  const hooks = installHooks(lab, Number(new URL(p.rest).port), dhcpinfoToken(p.dataDir));
  const generated = await (await fetch(`${p.rest}/0.2/dhcp_mgr/config/isc`, { headers: { 'x-auth-token': p.adminToken } })).text();
  const url = /option tftp-server-name "([^"]+)";/.exec(generated)?.[1];
  assert.equal(url, `http://${lab.hostIp}:8667/`);
  const dhcpd = startIscDhcpd(lab, generated, hooks, 8);
  await dhcpd.ready(/Server starting service/);
  const phone = dhcpPhone(lab, MAC, 'digium_D70_1_4_0_0_57389', dhcpd.output);

  const lease = phone.lease();
  assert.equal(lease.tftpServerName, url, 'option 66 from the generated class');
  assert.ok(lease.ip.startsWith(`${lab.lanPrefix}.`), lease.ip);
  const device = await waitForDevice(p, MAC, `at ${lease.ip}`, (d) => d.ip === lease.ip, 20_000, dhcpd.output);
  assert.equal(device.vendor, 'Digium');
  assert.equal(device.model, 'D70');
  assert.equal(device.version, '1.4.0.0.57389');
  assert.equal(device.plugin, 'digium');

  phone.release();
  await waitForDevice(p, MAC, 'without an address after DHCPRELEASE', (d) => d.ip === undefined, 20_000, dhcpd.output);

  const again = phone.lease();
  await waitForDevice(p, MAC, `back at ${again.ip}`, (d) => d.ip === again.ip, 20_000, dhcpd.output);
  phone.vanish();
  // an 8 s lease, not renewed: dhcpd runs on expiry when it ends
  await waitForDevice(p, MAC, 'without an address after the lease expired', (d) => d.ip === undefined, 30_000, dhcpd.output);
});
