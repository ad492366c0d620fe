import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixturePlugin } from '../../test/fixtures.js';
import { isSdkError } from '../errors.js';
import { sdk } from '../sdk.js';
import { createMemoryFileSink, createTestContext, createTestHost, dhcpRequest, httpRequest, makeDevice, tftpRequest } from './index.js';

test('createTestHost runs a module plugin: extract, associate, configure, deconfigure', async () => {
  const host = await createTestHost(fixturePlugin('module-js'), { id: 'js' });
  assert.equal(host.kind, 'module');
  assert.equal(host.info.version, '0.1.0');
  const info = await host.extract(httpRequest('/js/000fd3054848.cfg'));
  assert.deepEqual(info, { vendor: 'JsVendor', mac: '00:0f:d3:05:48:48' });
  assert.equal(await host.extract(dhcpRequest({ mac: '000fd3054848', vendorClass: 'x' })), null, 'no DHCP extractor');
  assert.equal(await host.associate(info!), 500);
  const device = makeDevice({ id: 'd', mac: info!.mac });
  assert.deepEqual(await host.configure(device, {}), new Map([['js/000fd3054848.cfg', 'id=d plugin=js\n']]));
  assert.equal(host.readFile('js/000fd3054848.cfg'), 'id=d plugin=js\n');
  await host.deconfigure(device);
  assert.deepEqual(await host.files.list(), []);
  await host.close();
});

test('createTestHost checks the interface version like provd', async () => {
  const host = await createTestHost(fixturePlugin('module-ts'));
  assert.equal(await host.associate({ vendor: 'TsVendor' }), 600);
  await assert.rejects(createTestHost(fixturePlugin('no-entry')), (err) => isSdkError(err, 'DT_ERR_PLUGIN_ENTRY_MISSING'));
});

test('memory sink rejects unsafe names; builders fill defaults', async () => {
  const sink = createMemoryFileSink();
  await assert.rejects(sink.write('../x', 'y'), (err) => isSdkError(err, 'DT_ERR_INVALID_FILE_NAME'));
  await sink.write('a/b', Buffer.from('bin'));
  assert.deepEqual(await sink.read('a/b'), Buffer.from('bin'));
  assert.equal(await sink.read('a/c'), null);
  await sink.remove('a/c');
  assert.deepEqual(httpRequest('/x', { headers: { 'User-Agent': 'UA' } }), { kind: 'http', method: 'GET', path: '/x', query: '', headers: { 'user-agent': 'UA' }, clientIp: '10.0.0.100' });
  assert.deepEqual(tftpRequest('f'), { kind: 'tftp', filename: 'f', mode: 'octet', options: {}, clientIp: '10.0.0.100' });
  assert.deepEqual(dhcpRequest({ mac: '000FD3054848', vendorClass: 'vc', options: { 77: 'uc' } }), { kind: 'dhcp', mac: '00:0f:d3:05:48:48', ip: '10.0.0.100', options: { 60: 'vc', 77: 'uc' } });
  const { ctx, sync } = createTestContext({ dir: '/p', general: { locale: 'fr_FR' } });
  assert.equal(ctx.general.locale, 'fr_FR');
  assert.equal(ctx.general.httpBaseUrl, 'http://10.0.0.1:8667');
  assert.equal(ctx.sync, sync);
  assert.equal(ctx.sdk, sdk);
});

test('the runtime sdk object groups the helpers plugins use', () => {
  assert.equal(sdk.PLUGIN_IFACE_VERSION, 1);
  assert.equal(sdk.DeviceSupport.EXACT, 600);
  assert.equal(sdk.mac.formatMac('00:0f:d3:05:48:48', { separator: '' }), '000fd3054848');
  assert.equal(typeof sdk.createTemplateHelper, 'function');
  assert.equal(typeof sdk.family.loadFamily, 'function');
  assert.equal(typeof sdk.transforms.applyRawConfigDefaults, 'function');
  assert.equal(typeof sdk.getTimezoneInfo, 'function');
  assert.equal(typeof sdk.parsePkgsDb, 'function');
  assert.ok(Object.isFrozen(sdk) && Object.isFrozen(sdk.mac));
});
