import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tftpGet } from '@dialtone/tftp/testing';
import { startTestProvd, type TestProvd } from './support/provd.js';

const autoprov = { id: 'autoprov', role: 'autocreate', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'ap12345678' } } } };

interface Got {
  via: string;
  status: number;
  text: string;
}

function viaHttp(p: TestProvd, mac: string, headers: Record<string, string>): Promise<Got> {
  return fetch(`${p.http}/test/${mac}.cfg`, { headers }).then(async (res) => ({ via: 'http', status: res.status, text: await res.text() }));
}

function viaTftp(p: TestProvd, mac: string): Promise<Got> {
  return tftpGet({ host: '127.0.0.1', port: p.tftpPort, filename: `test/${mac}.cfg`, retransmitMs: 500, retries: 6 }).then(
    (r) => ({ via: 'tftp', status: 200, text: r.data?.toString() ?? '' }),
    (err: Error) => ({ via: 'tftp', status: 404, text: err.message }),
  );
}

const colons = (mac: string) => mac.replace(/(..)(?!$)/g, '$1:');

test('simultaneous first requests (HTTP and TFTP) from one unknown phone all get its file and create one device', async (t) => {
  const p = await startTestProvd(t, { 'tftp.max_unconfirmed_per_client': 64 }, { plugins: ['test-plugin'] });
  assert.equal((await p.call('POST', '/0.2/cfg_mgr/configs', { config: autoprov })).status, 201);
  const rounds: { mac: string; requests: (mac: string) => Promise<Got>[] }[] = [
    // a phone asking for its file over and over at boot (same user agent each time)
    { mac: '00aabbcc0001', requests: (mac) => Array.from({ length: 24 }, () => viaHttp(p, mac, { 'user-agent': 'TestPhone/T1/1.0' })) },
    { mac: '00aabbcc0002', requests: (mac) => Array.from({ length: 12 }, () => viaTftp(p, mac)) },
    // both protocols at once, with the same facts about the phone
    { mac: '00aabbcc0003', requests: (mac) => [...Array.from({ length: 12 }, () => viaHttp(p, mac, {})), ...Array.from({ length: 8 }, () => viaTftp(p, mac))] },
  ];
  for (const { mac, requests } of rounds) {
    const results = await Promise.all(requests(mac));
    const failed = results.filter((r) => r.status !== 200 || !/line1=ap12345678/.test(r.text));
    assert.deepEqual(failed, [], `${mac}: every request got the file`);
    const { devices } = (await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac: colons(mac) }))}`)).body;
    assert.equal(devices.length, 1, `${mac}: one device`);
  }
});
