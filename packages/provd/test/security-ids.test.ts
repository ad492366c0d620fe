import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../src/store/index.js';
import { startTestProvd } from './support/provd.js';

const SEPARATORS = ['\u0085', '\u2028', '\u2029', '\u0080', '\u009f', '\n', '\r'];

test('ids holding a line separator or control character (U+0085 NEL among them) are refused, over REST and by the store', async (t) => {
  const p = await startTestProvd(t);
  for (const sep of SEPARATORS) {
    const id = `dev${sep}forged`;
    const device = await p.call('POST', '/0.2/dev_mgr/devices', { device: { id, mac: '00:11:22:33:44:55' } });
    assert.equal(device.status, 400, JSON.stringify(sep));
    const config = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: `cfg${sep}x`, parent_ids: [], raw_config: {} } });
    assert.equal(config.status, 400, JSON.stringify(sep));
  }
  assert.deepEqual((await p.call('GET', '/0.2/dev_mgr/devices')).body.devices, [], 'nothing was written');
  // the characters are fine inside other fields
  assert.equal((await p.call('POST', '/0.2/dev_mgr/devices', { device: { id: 'plain', X_note: 'a\u0085b' } })).status, 201);

  const store = await openStore({ url: ':memory:' });
  t.after(() => store.close());
  for (const sep of SEPARATORS) {
    await assert.rejects(store.devices.insert({ id: `d${sep}x` }), (err: { code?: string }) => err.code === 'DT_ERR_INVALID_DOCUMENT', JSON.stringify(sep));
    await assert.rejects(store.configs.insert({ id: `c${sep}x`, parent_ids: [] }), (err: { code?: string }) => err.code === 'DT_ERR_INVALID_DOCUMENT', JSON.stringify(sep));
  }
  assert.equal(await store.devices.count(), 0);
});
