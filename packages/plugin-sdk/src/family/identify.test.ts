import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixturePlugin } from '../../test/fixtures.js';
import { dhcpRequest, httpRequest, tftpRequest } from '../testing/index.js';
import { compileFamily } from './compile.js';
import { associateWithTable, extractWithRules } from './identify.js';
import { loadFamily } from './load.js';

test('DHCP rules: vendor class with replace, other options', async () => {
  const acme = await loadFamily(fixturePlugin('acme'));
  assert.deepEqual(extractWithRules(acme, dhcpRequest({ mac: '00:11:22:33:44:55', vendorClass: 'acme_A2_3_2_1' })), { vendor: 'Acme', model: 'A2', version: '3.2.1' });
  assert.deepEqual(extractWithRules(acme, dhcpRequest({ mac: '00:11:22:33:44:55', vendorClass: 'acme_A2_3_2_1', options: { 77: 'acme-user-XYZ' } })), {
    vendor: 'Acme', model: 'A2', version: '3.2.1', sn: 'XYZ',
  });
  assert.equal(extractWithRules(acme, dhcpRequest({ mac: '00:11:22:33:44:55', vendorClass: 'other_A2_3_2_1' })), null);
  assert.equal(extractWithRules(acme, dhcpRequest({ mac: '00:11:22:33:44:55' })), null);
});

test('HTTP rules: user agent, path, header; earlier rules win, bad MACs dropped', async () => {
  const acme = await loadFamily(fixturePlugin('acme'));
  const ua = { 'User-Agent': 'ACME A1 3.2.1 00:0F:D3:05:48:48' };
  assert.deepEqual(extractWithRules(acme, httpRequest('/Acme/aabbccddeeff.cfg', { headers: { ...ua, 'X-Acme-Serial': '42' } })), {
    vendor: 'Acme', model: 'A1', version: '3.2.1', mac: '00:0f:d3:05:48:48', sn: '42',
  });
  assert.deepEqual(extractWithRules(acme, httpRequest('/Acme/000000000000.cfg')), { vendor: 'Acme' });
  assert.deepEqual(extractWithRules(acme, httpRequest('/Acme/')), { vendor: 'Acme' });
  assert.equal(extractWithRules(acme, httpRequest('/Other/000fd3054848.cfg')), null);
});

test('TFTP rules with set', async () => {
  const acme = await loadFamily(fixturePlugin('acme'));
  assert.deepEqual(extractWithRules(acme, tftpRequest('/acme-000fd3054848.cfg')), { vendor: 'Acme', model: 'A1', mac: '00:0f:d3:05:48:48' });
  assert.equal(extractWithRules(acme, tftpRequest('acme.cfg')), null);
});

test('association table', () => {
  const f = compileFamily({ vendor: 'Digium', models: ['D40', 'D70'], association: { versions: ['1.4.0.0.57389'] } }, '/x');
  assert.equal(associateWithTable(f, {}), 200);
  assert.equal(associateWithTable(f, { vendor: 'Yealink', model: 'D70' }), 100);
  assert.equal(associateWithTable(f, { vendor: 'Digium' }), 300);
  assert.equal(associateWithTable(f, { vendor: 'Digium', model: 'D99' }), 300);
  assert.equal(associateWithTable(f, { vendor: 'Digium', model: 'D70' }), 500);
  assert.equal(associateWithTable(f, { vendor: 'Digium', model: 'D70', version: '1.4.0.0' }), 500);
  assert.equal(associateWithTable(f, { vendor: 'Digium', model: 'D70', version: '1.4.0.0.57389' }), 600);
  assert.equal(associateWithTable(f, { vendor: 'Digium', model: 'constructor' }), 300, 'no prototype keys');
  const prefix = compileFamily({ vendor: 'G', models: ['X'], association: { versions: ['1.0'], version_match: 'prefix', unknown_model: 'UNKNOWN', other_vendor: 'NONE' } }, '/x');
  assert.equal(associateWithTable(prefix, { vendor: 'G', model: 'X', version: '1.0.11.85' }), 600);
  assert.equal(associateWithTable(prefix, { vendor: 'G', model: 'Y' }), 200);
  assert.equal(associateWithTable(prefix, { vendor: 'H' }), 0);
});
