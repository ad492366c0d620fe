import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeviceDoc } from '../documents/index.js';
import { deviceFiles, MASK, maskText, secretsOf } from './device-files.js';

const file = (text: string | Buffer) => ({ content: Buffer.isBuffer(text) ? text : Buffer.from(text), etag: '"e"', mtime: new Date(0) });

test('secretsOf finds SIP and admin passwords at any depth, longest first', () => {
  const raw = { admin_password: 'adm1n', sip_lines: { 1: { username: 'alice', password: 's3cr3t-long' }, 2: { password: '' } }, X_key: 'k' };
  assert.deepEqual(secretsOf(raw), ['s3cr3t-long', 'adm1n', 'k']);
  assert.equal(maskText('user=alice\npass=s3cr3t-long\nadmin=adm1n\n', secretsOf(raw)), `user=alice\npass=${MASK}\nadmin=${MASK}\n`);
});

test('deviceFiles lists the plugin files named after the MAC, masked; binary files have no preview', () => {
  const files = new Map([
    ['000fd3054848.cfg', file('line1=alice s3cr3t\n')],
    ['SEP000FD3054848.cnf.xml', file('<pwd>s3cr3t</pwd>')],
    ['000fd3054848.bin', file(Buffer.from([1, 0, 2]))],
    ['common.cfg', file('common')],
    ['000fd3059999.cfg', file('other phone')],
  ]);
  const source = { names: () => [...files.keys()], get: (_p: string, name: string) => files.get(name) };
  const device = { id: 'd', mac: '00:0f:d3:05:48:48', plugin: 'p' } as DeviceDoc;
  const listed = deviceFiles(source, device, { sip_lines: { 1: { password: 's3cr3t' } } });
  assert.deepEqual(listed.map((f) => f.name), ['000fd3054848.bin', '000fd3054848.cfg', 'SEP000FD3054848.cnf.xml']);
  assert.equal(listed[1].preview, `line1=alice ${MASK}\n`);
  assert.equal(listed[2].preview, `<pwd>${MASK}</pwd>`);
  assert.equal(listed[0].preview, null);
  assert.deepEqual(deviceFiles(source, { id: 'x' } as DeviceDoc, null), [], 'no MAC or plugin: no files');
});
