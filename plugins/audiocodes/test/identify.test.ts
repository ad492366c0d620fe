/**
 * Identification of AudioCodes phones from what they send; the plugin never takes a device. The
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
const dhcp = (vendorClass: string) => host.extract(dhcpRequest({ mac: '00:90:8f:4b:8a:94', vendorClass }));

test('DHCP vendor class: model and firmware', async () => {
  assert.deepEqual(await dhcp('AUDC-IPPhone-420HD_UC_2.2.16.372'), { vendor: 'AudioCodes', model: '420HD', version: '2.2.16.372' });
  assert.deepEqual(await dhcp('AUDC-IPPhone-C450HD'), { vendor: 'AudioCodes', model: 'C450HD' });
  for (const vc of ['AUDC-IPPhone-420HDX', 'AudioCodes Mediant', 'dslforum.org', 'MSFT 5.0']) assert.equal(await dhcp(vc), null, vc);
});

test('User-Agents: provisioning and SIP forms, field by field', async () => {
  assert.deepEqual(await ua('AUDC-IPPhone/3.4.6.604 (445HD-Rev1; 00908F4B8A94)'), { vendor: 'AudioCodes', model: '445HD', version: '3.4.6.604', mac: '00:90:8f:4b:8a:94' });
  assert.deepEqual(await ua('AUDC-IPPhone-C450HD_UC_3.4.8.111/1'), { vendor: 'AudioCodes', model: 'C450HD', version: '3.4.8.111' });
  assert.deepEqual(await ua('AUDC-IPPhone/3.4.6.604 (445HD-Rev1; 00908F4B8A)'), { vendor: 'AudioCodes', model: '445HD', version: '3.4.6.604' });
});

test('file names: <mac>.cfg only with the AudioCodes OUI, <model>.img', async () => {
  assert.deepEqual(await host.extract(httpRequest('/00908f4b8a94.cfg')), { vendor: 'AudioCodes', mac: '00:90:8f:4b:8a:94' });
  assert.deepEqual(await host.extract(tftpRequest('420HD.img')), { vendor: 'AudioCodes', model: '420HD' });
  assert.equal(await host.extract(httpRequest('/001122334455.cfg')), null);
  assert.equal(await host.extract(tftpRequest('001122334455.cfg')), null);
  assert.equal(await ua('Wget/1.21.2', '/001122334455.cfg'), null);
});

test('never takes a device, serves nothing', async () => {
  assert.equal(await host.associate({ vendor: 'AudioCodes', model: '420HD', version: '3.4.6.604' }), 100);
  assert.equal(await host.associate({ vendor: 'AudioCodes' }), 100);
  assert.equal(host.plugin.http, false);
  assert.equal(host.plugin.tftp, false);
});

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('simulated boots through provd: every model recorded with its facts, no plugin', async () => {
  const report = await testSources([pluginDir], { bootsOnly: true });
  assert.equal(report.simulation.length, 10);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});
