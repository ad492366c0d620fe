import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceSupport, type DeviceInfo, type ProvdPlugin } from '@dialtone/plugin-sdk';
import type { LoadedPlugin } from '../plugins/host.js';
import { openStore } from '../store/index.js';
import { associatePlugin } from './associate.js';
import { extractDeviceInfo, standardInfo } from './extract.js';
import { retrieveDevice } from './retrieve.js';
import { updateDevice } from './update.js';

function plugin(id: string, p: ProvdPlugin): LoadedPlugin {
  return { id, dir: `/nowhere/${id}`, info: { version: '1' }, plugin: p };
}

const httpReq = { kind: 'http', method: 'GET', path: '/x.cfg', headers: {}, clientIp: '10.0.0.9' } as const;

test('extract: plugins vote per key, standard facts win last, failures ignored', async () => {
  const says = (info: DeviceInfo | null) => ({ extractors: { http: { extract: () => info } } });
  const plugins = [
    plugin('a', says({ vendor: 'Acme', model: 'A1', ip: '1.1.1.1' })),
    plugin('b', says({ vendor: 'Acme', model: 'A2' })),
    plugin('c', says({ vendor: 'Other', model: 'A2' })),
    plugin('d', says(null)),
    plugin('e', { extractors: { http: { extract: () => Promise.reject(new Error('boom')) } } }),
    plugin('f', { extractors: { tftp: { extract: () => ({ vendor: 'TftpOnly' }) } } }),
  ];
  const info = await extractDeviceInfo(httpReq, plugins);
  assert.equal(info.vendor, 'Acme', 'two votes beat one');
  assert.equal(info.model, 'A2');
  assert.equal(info.ip, '10.0.0.9', 'the request address beats what a plugin said');
  assert.deepEqual(standardInfo({ kind: 'dhcp', ip: '10.0.0.1', mac: '00:00:00:00:00:01', options: {} }), { ip: '10.0.0.1', mac: '00:00:00:00:00:01' });
});

test('retrieve: mac, then sn, then uuid (not secure), then an unambiguous ip', async (t) => {
  const store = await openStore({ url: ':memory:' });
  t.after(() => store.close());
  await store.devices.insert({ id: 'm', mac: '00:00:00:00:00:01', ip: '10.0.0.1' });
  await store.devices.insert({ id: 's', sn: 'SN1' });
  await store.devices.insert({ id: 'u', uuid: 'U1' });
  await store.devices.insert({ id: 'i', ip: '10.0.0.2', vendor: 'Acme' });
  await store.devices.insert({ id: 'i2', ip: '10.0.0.3', mac: '00:00:00:00:00:31' });
  await store.devices.insert({ id: 'i3', ip: '10.0.0.3', mac: '00:00:00:00:00:32' });
  const find = async (info: DeviceInfo, profile: 'default' | 'secure' = 'default') => (await retrieveDevice(store, info, profile))?.id ?? null;
  assert.equal(await find({ mac: '00:00:00:00:00:01', sn: 'SN1' }), 'm');
  assert.equal(await find({ mac: '00:00:00:00:00:99', sn: 'SN1' }), 's');
  assert.equal(await find({ uuid: 'U1' }), 'u');
  assert.equal(await find({ uuid: 'U1' }, 'secure'), null, 'secure profile ignores uuid');
  assert.equal(await find({ ip: '10.0.0.2' }), 'i');
  assert.equal(await find({ ip: '10.0.0.2', vendor: 'Other' }), null, 'a contradicting vendor is not that device');
  assert.equal(await find({ ip: '10.0.0.3' }), null, 'two devices at the address: ambiguous');
  assert.equal(await find({ ip: '10.0.0.3', mac: '00:00:00:00:00:32' }), 'i3');
});

test('update: add missing facts, refresh ip/version, never overwrite others, sticky plugin', async () => {
  const p = [plugin('acme', { associator: { associate: () => DeviceSupport.EXACT } })];
  const device = { id: 'd', vendor: 'Acme', model: 'A1', ip: '10.0.0.1', version: '1.0' };
  const updated = await updateDevice(device, { vendor: 'Other', model: 'A2', ip: '10.0.0.2', version: '2.0', sn: 'SN' }, p);
  assert.deepEqual(updated, { id: 'd', vendor: 'Acme', model: 'A1', ip: '10.0.0.2', version: '2.0', sn: 'SN', plugin: 'acme' });
  const sticky = await updateDevice({ ...device, plugin: 'old' }, { vendor: 'Acme' }, p);
  assert.equal(sticky.plugin, 'old');
});

test('associate: best score ≥ PROBABLE wins, ties go to the greatest id, errors skipped', async () => {
  const scoring = (score: number) => ({ associator: { associate: () => score } });
  const info = { vendor: 'Acme', model: 'A1' };
  assert.equal(await associatePlugin(info, [plugin('v85', scoring(DeviceSupport.COMPLETE)), plugin('v86', scoring(DeviceSupport.COMPLETE))]), 'v86');
  assert.equal(await associatePlugin(info, [plugin('z', scoring(DeviceSupport.PROBABLE)), plugin('a', scoring(DeviceSupport.EXACT))]), 'a');
  assert.equal(await associatePlugin(info, [plugin('a', scoring(DeviceSupport.UNKNOWN))]), null, 'below PROBABLE: no plugin');
  assert.equal(await associatePlugin(info, [plugin('a', { associator: { associate: () => { throw new Error('x'); } } }), plugin('b', scoring(DeviceSupport.PROBABLE))]), 'b');
  assert.equal(await associatePlugin({ model: 'A1' }, [plugin('a', scoring(DeviceSupport.EXACT))]), null, 'no vendor: UNKNOWN everywhere');
});
