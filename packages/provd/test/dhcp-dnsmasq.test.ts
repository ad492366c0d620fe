/**
 * dnsmasq for real (network namespaces, root): leases reach provd through --dhcp-script and
 * deploy/dhcp/dialtone-dnsmasq-hook; the phone gets option 66 from the generated vendor class.
 * dnsmasq's shortest lease is two minutes, so expiry is shown by calling the adapter as dnsmasq
 * does when a lease ends (del with its end time passed).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dhcpPhone } from './dhcp-support/client.js';
import { waitForDevice } from './dhcp-support/devices.js';
import { dhcpinfoToken, installHooks } from './dhcp-support/hooks.js';
import { createLab } from './dhcp-support/lab.js';
import { startDnsmasq } from './dhcp-support/servers.js';
import { startTestProvd } from './support/provd.js';

const DIGIUM = fileURLToPath(new URL('../../../plugins/digium', import.meta.url));
const MAC = '00:0f:d3:0a:33:03';

test('dnsmasq: commit creates the device (vendor, model, version, leased IP), release and expiry take the address off', async (t) => {
  const lab = createLab(t, 'dnsm');
  const p = await startTestProvd(t, { 'rest_api.ip': '0.0.0.0', 'general.advertised_http_url': `http://${lab.hostIp}:8667` }, { plugins: [DIGIUM] });
  const hooks = installHooks(lab, Number(new URL(p.rest).port), dhcpinfoToken(p.dataDir));
  const generated = await (await fetch(`${p.rest}/0.2/dhcp_mgr/config/dnsmasq`, { headers: { 'x-auth-token': p.adminToken } })).text();
  const url = /^dhcp-option=tag:[\w-]+,66,"([^"]+)"$/m.exec(generated)?.[1];
  assert.equal(url, `http://${lab.hostIp}:8667/`);
  const dnsmasq = startDnsmasq(lab, generated, hooks);
  await dnsmasq.ready(/DHCP, IP range/);
  const phone = dhcpPhone(lab, MAC, 'digium_D70_1_4_0_0_57389', dnsmasq.output);

  const lease = phone.lease();
  assert.equal(lease.tftpServerName, url, 'option 66 from the generated vendor class');
  assert.ok(lease.ip.startsWith(`${lab.lanPrefix}.`), lease.ip);
  const device = await waitForDevice(p, MAC, `at ${lease.ip}`, (d) => d.ip === lease.ip, 20_000, dnsmasq.output);
  assert.equal(device.vendor, 'Digium');
  assert.equal(device.model, 'D70');
  assert.equal(device.version, '1.4.0.0.57389');
  assert.equal(device.plugin, 'digium');

  phone.release();
  await waitForDevice(p, MAC, 'without an address after DHCPRELEASE', (d) => d.ip === undefined, 20_000, dnsmasq.output);

  const again = phone.lease();
  await waitForDevice(p, MAC, `back at ${again.ip}`, (d) => d.ip === again.ip, 20_000, dnsmasq.output);
  // what dnsmasq runs when the lease runs out: del, with DNSMASQ_LEASE_EXPIRES in the past
  execFileSync(join(hooks, 'dialtone-dnsmasq-hook'), ['del', MAC, again.ip], { env: { DNSMASQ_LEASE_EXPIRES: String(Math.floor(Date.now() / 1000) - 1), DNSMASQ_VENDOR_CLASS: 'digium_D70_1_4_0_0_57389' } });
  await waitForDevice(p, MAC, 'without an address after the lease expired', (d) => d.ip === undefined, 20_000, dnsmasq.output);
});
