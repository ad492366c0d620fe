// Templates see raw-config dicts in the order they were written (Python dict order), also when
// keys look like integers ("10" before "2"): through the REST body, the store, inheritance and
// the plugin's copy, to the file a phone fetches over HTTP.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURE_PLUGINS, MEDIA, startTestProvd, type TestProvd } from './support/provd.js';

const MAC = '00112233aabb';

/** A REST write with a body sent as written: a JavaScript object literal would reorder its keys. */
async function postText(p: TestProvd, path: string, text: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${p.rest}${path}`, {
    method: 'POST',
    headers: { 'content-type': MEDIA, accept: MEDIA, 'x-auth-token': p.adminToken },
    body: text,
  });
  const body = await res.text();
  return { status: res.status, body: body ? JSON.parse(body) : body };
}

test('a device file lists funckeys and sip_lines in the raw config order, parents merged', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [join(FIXTURE_PLUGINS, 'dict-order-family')] });
  const parent = await postText(p, '/0.2/cfg_mgr/configs',
    '{"config": {"id": "parent", "parent_ids": [], "raw_config": {"ip": "10.0.0.1",' +
    ' "funckeys": {"10": {"type": "speeddial", "value": "10", "label": "ten"}, "2": {"type": "speeddial", "value": "2", "label": "two"}},' +
    ' "sip_lines": {"2": {"username": "bob"}, "1": {"username": "alice"}}}}}');
  assert.equal(parent.status, 201, JSON.stringify(parent.body));
  const child = await postText(p, '/0.2/cfg_mgr/configs',
    '{"config": {"id": "child", "parent_ids": ["parent"], "raw_config":' +
    ' {"funckeys": {"1": {"type": "speeddial", "value": "1", "label": "one"}, "2": {"type": "speeddial", "value": "2", "label": "TWO"}}}}}');
  assert.equal(child.status, 201, JSON.stringify(child.body));
  const device = await postText(p, '/0.2/dev_mgr/devices', `{"device": {"mac": "00:11:22:33:aa:bb", "plugin": "dict-order-family", "config": "child"}}`);
  assert.equal(device.status, 201, JSON.stringify(device.body));
  const state = (await p.call('GET', `/0.2/dev_mgr/devices/${device.body.id}`)).body.device;
  assert.equal(state.configured, true, state.configure_error);

  const res = await fetch(`${p.http}/order/${MAC}.cfg`);
  assert.equal(res.status, 200);
  // Python: the parent's keys keep their places ("2" relabelled in place), the child's new "1" goes last
  assert.equal(await res.text(), 'fk 10 ten\nfk 2 TWO\nfk 1 one\nline 2 bob\nline 1 alice\n');
});

test('the order survives a restart-free update of the parent (read back from the store)', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [join(FIXTURE_PLUGINS, 'dict-order-family')] });
  const put = async (path: string, text: string) => {
    const res = await fetch(`${p.rest}${path}`, { method: 'PUT', headers: { 'content-type': MEDIA, accept: MEDIA, 'x-auth-token': p.adminToken }, body: text });
    assert.equal(res.status, 204, await res.text());
  };
  await postText(p, '/0.2/cfg_mgr/configs', '{"config": {"id": "c", "parent_ids": [], "raw_config": {"funckeys": {"3": {"type": "speeddial", "value": "1", "label": "three"}}}}}');
  const device = await postText(p, '/0.2/dev_mgr/devices', `{"device": {"mac": "00:11:22:33:aa:bb", "plugin": "dict-order-family", "config": "c"}}`);
  assert.equal(device.status, 201);
  await put('/0.2/cfg_mgr/configs/c', '{"config": {"id": "c", "parent_ids": [], "raw_config": {"funckeys": {"12": {"type": "speeddial", "value": "1", "label": "twelve"}, "3": {"type": "speeddial", "value": "1", "label": "three"}, "1": {"type": "speeddial", "value": "1", "label": "one"}}}}}');
  let text = '';
  for (let i = 0; i < 50 && !text.includes('twelve'); i++) {
    text = await (await fetch(`${p.http}/order/${MAC}.cfg`)).text();
    if (!text.includes('twelve')) await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(text, 'fk 12 twelve\nfk 3 three\nfk 1 one\n');
});
