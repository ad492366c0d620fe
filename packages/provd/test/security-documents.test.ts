import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestProvd } from './support/provd.js';

test('documents larger than rest_api.max_body_bytes are refused with 413, nothing written; lists stay answerable', async (t) => {
  const p = await startTestProvd(t);
  const big = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:11:22:33:44:55', X_blob: 'x'.repeat(2 * 1024 * 1024) } });
  assert.equal(big.status, 413);
  assert.equal(big.headers.get('dialtone-error-code'), 'DT_ERR_BODY_TOO_LARGE');
  assert.match(big.text, /larger than 1048576 bytes/);
  const put = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { X_blob: 'y'.repeat(1100 * 1024) } } });
  assert.equal(put.status, 413);
  assert.deepEqual((await p.call('GET', '/0.2/dev_mgr/devices')).body.devices, []);

  // a 1,024-line config (the reference's own test) and near-limit devices still go through
  const lines = Object.fromEntries(Array.from({ length: 1024 }, (_, i) => [String(i + 1), { username: `user${i}`, password: 'p'.repeat(32), display_name: `User ${i}` }]));
  assert.equal((await p.call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { sip_lines: lines } } })).status, 201);
  for (let i = 0; i < 20; i++) {
    const res = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: `00:11:22:33:45:${i.toString(16).padStart(2, '0')}`, X_blob: 'z'.repeat(900 * 1024) } });
    assert.equal(res.status, 201);
  }
  const list = await p.call('GET', '/0.2/dev_mgr/devices');
  assert.equal(list.status, 200);
  assert.equal(list.body.devices.length, 20);
});

test('the limit is configurable', async (t) => {
  const p = await startTestProvd(t, { 'rest_api.max_body_bytes': 65536 });
  const res = await p.call('POST', '/0.2/dev_mgr/devices', { device: { X_blob: 'x'.repeat(100 * 1024) } });
  assert.equal(res.status, 413);
  assert.match(res.text, /larger than 65536 bytes/);
  assert.equal((await p.call('POST', '/0.2/dev_mgr/devices', { device: { X_blob: 'x'.repeat(50 * 1024) } })).status, 201);
});
