import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tftpGet } from '@dialtone/tftp/testing';
import { startTestProvd } from './support/provd.js';

const UA = { 'user-agent': 'TestPhone/T1/1.0' };

const autoprov = { id: 'autoprov', role: 'autocreate', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'ap12345678' } } } };

test('simultaneous first requests (HTTP and TFTP) from one unknown phone all get its file and create one device', async (t) => {
  const p = await startTestProvd(t, { 'tftp.max_unconfirmed_per_client': 64 }, { plugins: ['test-plugin'] });
  assert.equal((await p.call('POST', '/0.2/cfg_mgr/configs', { config: autoprov })).status, 201);
  for (const [round, mac] of ['00aabbcc0001', '00aabbcc0002', '00aabbcc0003'].entries()) {
    const http = Array.from({ length: 24 }, async () => {
      const res = await fetch(`${p.http}/test/${mac}.cfg`, { headers: UA });
      return { status: res.status, text: await res.text() };
    });
    const tftp = Array.from({ length: 8 }, async () => {
      const got = await tftpGet({ host: '127.0.0.1', port: p.tftpPort, filename: `test/${mac}.cfg`, retransmitMs: 500, retries: 6 }).then(
        (r) => ({ status: 200, text: r.data?.toString() ?? "" }),
        (err: Error) => ({ status: 404, text: err.message }),
      );
      return got;
    });
    const results = await Promise.all([...http, ...tftp]);
    const failed = results.filter((r) => r.status !== 200 || !/line1=ap12345678/.test(r.text));
    assert.deepEqual(failed, [], `round ${round}: every request got the file`);
    const { devices } = (await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac: mac.replace(/(..)(?!$)/g, '$1:') }))}`)).body;
    assert.equal(devices.length, 1, `round ${round}: one device`);
  }
});
