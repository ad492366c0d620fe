/**
 * Identification of Flyingvoice phones from what they send; the plugin never takes a device. The
 * boots of test/identify.yml run through a real provd: each phone is recorded with its facts and
 * no plugin.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { formatFinding, formatTestReport, lintSource, testSources } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

let host: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
});
after(() => host.close());

const ua = (userAgent: string, path = '/x') => host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));
const dhcp = (vendorClass: string) => host.extract(dhcpRequest({ mac: '00:21:f2:aa:bb:cc', vendorClass }));

test('DHCP vendor class: the model', async () => {
  assert.deepEqual(await dhcp('Flyingvoice FIP14G'), { vendor: 'Flyingvoice', model: 'FIP14G' });
  assert.deepEqual(await dhcp('FLYINGVOICE_FIP12WP'), { vendor: 'Flyingvoice', model: 'FIP12WP' });
  for (const vc of ['Flyingvoice G502', 'Fanvil X4', 'dslforum.org']) assert.equal(await dhcp(vc), null, vc);
});

test('User-Agents: model, full version (V or not), MAC in either form; field by field', async () => {
  assert.deepEqual(await ua('Flyingvoice FIP14G V0.9.44 0021F2AABBCC'), { vendor: 'Flyingvoice', model: 'FIP14G', version: '0.9.44', mac: '00:21:f2:aa:bb:cc' });
  assert.deepEqual(await ua('FLYINGVOICE FIP13G 0.8.25 00:21:f2:aa:bb:cd'), { vendor: 'Flyingvoice', model: 'FIP13G', version: '0.8.25', mac: '00:21:f2:aa:bb:cd' });
  assert.deepEqual(await ua('Flyingvoice FIP10 V0.9 0021F2AABB'), { vendor: 'Flyingvoice', model: 'FIP10' });
});

test('nothing else is claimed; no TFTP, no bare file names', async () => {
  assert.equal(await ua('Flyingvoice G502 V1.0.1 0021F2AABBCC'), null, 'ATAs are not FIP phones');
  assert.equal(await ua('Wget/1.21.2', '/0021f2aabbcc.cfg'), null);
  assert.equal(await host.extract(httpRequest('/0021f2aabbcc.cfg')), null);
  assert.equal(await host.extract(tftpRequest('0021f2aabbcc.cfg')), null);
});

test('never takes a device, serves nothing', async () => {
  assert.equal(await host.associate({ vendor: 'Flyingvoice', model: 'FIP14G' }), 100);
  assert.equal(host.plugin.http, false);
  assert.equal(host.plugin.tftp, false);
});

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('simulated boots through provd: every model recorded with its facts, no plugin', async () => {
  const report = await testSources([pluginDir], { bootsOnly: true });
  assert.equal(report.simulation.length, 7);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});
