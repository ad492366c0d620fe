/**
 * Identification of Spectralink devices; the plugin never takes a device, and it and the Polycom
 * family never claim each other's phones (Spectralink 84-series handsets send Polycom strings and
 * stay Polycom's). The boots run through a real provd holding both plugins.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { formatFinding, lintSource, parseScenarios, simulate, stageTemp } from '@dialtone/plugin-tools';
import { pluginDir as polycomDir, PLUGIN_ID as POLYCOM_ID } from '@dialtone/plugin-polycom';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

let host: TestHost;
let polycom: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
  polycom = await createTestHost(polycomDir, { id: POLYCOM_ID });
});
after(async () => {
  await host.close();
  await polycom.close();
});

const uaReq = (userAgent: string, path = '/x') => httpRequest(path, { headers: { 'User-Agent': userAgent } });
const dhcpReq = (vendorClass: string) => dhcpRequest({ mac: '00:13:d1:aa:bb:cc', vendorClass });

test('DHCP vendor classes: Spectralink and KIRK names, spaces or underscores', async () => {
  assert.deepEqual(await host.extract(dhcpReq('Spectralink IP-DECT Server 400')), { vendor: 'Spectralink', model: 'IP-DECT Server 400' });
  assert.deepEqual(await host.extract(dhcpReq('KIRK IP-DECT Server 6500')), { vendor: 'Spectralink', model: 'IP-DECT Server 6500' });
  assert.deepEqual(await host.extract(dhcpReq('Spectralink_Versity_9640')), { vendor: 'Spectralink', model: 'Versity 9640' });
});

test('User-Agents: model, firmware, MAC, field by field', async () => {
  assert.deepEqual(await host.extract(uaReq('Spectralink IP-DECT Server 400/PCS17Ca (0013D1AABBCC)')), { vendor: 'Spectralink', model: 'IP-DECT Server 400', version: 'PCS17Ca', mac: '00:13:d1:aa:bb:cc' });
  assert.deepEqual(await host.extract(uaReq('Spectralink Versity 9640/2.6.1 (00:13:d1:aa:bb:cc)')), { vendor: 'Spectralink', model: 'Versity 9640', version: '2.6.1', mac: '00:13:d1:aa:bb:cc' });
  assert.deepEqual(await host.extract(uaReq('Spectralink Versity 9640/2.6.1 (00:13:d1:aa)')), { vendor: 'Spectralink', model: 'Versity 9640', version: '2.6.1' });
});

const POLYCOM_STRINGS = [
  uaReq('FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 (SN:0004f2aabbcc) Type/Application', '/0004f2aabbcc-user.cfg'),
  uaReq('FileTransport PolycomSoundPointIP-SPIP_550-UA/4.0.4.2906 (SN:0004f2aabbcc) Type/Application'),
  dhcpReq('Polycom-VVX411'),
  httpRequest('/000000000000.cfg'),
];
const SPECTRALINK_STRINGS = [
  uaReq('Spectralink IP-DECT Server 400/PCS17Ca (0013D1AABBCC)'),
  uaReq('KIRK IP-DECT Server 6500/PCS16E (0013D1AABBCC)'),
  uaReq('Spectralink Versity 9640/2.6.1 (00:13:d1:aa:bb:cc)'),
  dhcpReq('Spectralink_Versity_9640'),
];

test('Spectralink never claims Polycom strings, Polycom never claims Spectralink strings', async () => {
  for (const req of POLYCOM_STRINGS) {
    assert.equal(await host.extract(req), null, JSON.stringify(req));
    assert.notEqual(await polycom.extract(req), null, `polycom still claims ${JSON.stringify(req)}`);
  }
  for (const req of SPECTRALINK_STRINGS) assert.equal(await polycom.extract(req), null, JSON.stringify(req));
  assert.equal(await host.associate({ vendor: 'Polycom', model: 'VVX411' }), 100);
  assert.equal(await polycom.associate({ vendor: 'Spectralink', model: 'Versity 9640' }), 100);
});

test('never takes a device, serves nothing; generic strings are nobody', async () => {
  assert.equal(await host.associate({ vendor: 'Spectralink', model: 'IP-DECT Server 400' }), 100);
  assert.equal(host.plugin.http, false);
  assert.equal(host.plugin.tftp, false);
  assert.equal(await host.extract(uaReq('Wget/1.21.2', '/0013d1aabbcc.cfg')), null);
  assert.equal(await host.extract(uaReq('Mozilla/5.0 (Linux; Android 10; Spectralink 9640)')), null);
});

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('simulated boots through provd holding Spectralink and Polycom: facts recorded, no device taken by either, a VVX still Polycom', async (t) => {
  const staged = await stageTemp(pluginDir);
  const stagedPolycom = await stageTemp(polycomDir);
  t.after(async () => {
    await staged.remove();
    await stagedPolycom.remove();
  });
  const scenarios = parseScenarios(await readFile(join(pluginDir, 'test', 'identify.yml'), 'utf8'), []);
  assert.equal(scenarios.length, 6);
  const vvx = parseScenarios(
    `- model: VVX411
  mac: '00:04:f2:aa:bb:cc'
  requests:
    - dhcp: { vendor_class: Polycom-VVX411 }
    - http: { path: /0004f2aabbcc-user.cfg, user_agent: 'FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 (SN:0004f2aabbcc) Type/Application' }
  expect: { vendor: Polycom, model: VVX411, version: 6.4.6.2022 }
`,
    [],
  );
  const outcomes = await simulate([
    { id: staged.id, dir: staged.dir, scenarios },
    { id: stagedPolycom.id, dir: stagedPolycom.dir, scenarios: vvx },
  ]);
  for (const o of outcomes.filter((x) => x.plugin === staged.id)) assert.deepEqual(o.problems, [], `${o.model}: recorded with its facts, taken by no plugin`);
  assert.deepEqual(outcomes.find((o) => o.plugin === stagedPolycom.id)?.problems, [], 'the VVX is found and taken by Polycom');
});
