/** The acme fixture family rendered end to end through the fake host and @dialtone/jinja. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixturePlugin } from '../../test/fixtures.js';
import { createTestHost, makeDevice } from '../testing/index.js';

const RAW = {
  locale: 'fr_FR', timezone: 'Europe/Paris', sip_proxy_ip: '10.0.0.2',
  sip_lines: { '1': { username: 'alice', display_name: 'Alice Éva €' }, '2': { username: 'bob' } },
  funckeys: { '10': { type: 'blf', value: '1010' }, '2': { type: 'speeddial', value: '1002' } },
};

test('configureCommon renders common files from the base raw config', async () => {
  const host = await createTestHost(fixturePlugin('acme'));
  assert.equal(host.readFile('Acme/common.cfg'), 'common server=http://10.0.0.1:8667 common=True');
});

test('configure: model template, admin override, encodings, hooks; deconfigure', async () => {
  const host = await createTestHost(fixturePlugin('acme'));
  const a2 = makeDevice({ id: 'a2', mac: '00:0f:d3:05:48:48', model: 'A2' });
  const written = await host.configure(a2, RAW);
  assert.deepEqual([...written.keys()].sort(), ['Acme/000fd3054848-extra.txt', 'Acme/000fd3054848.cfg']);
  assert.equal(written.get('Acme/000fd3054848.cfg'), [
    '# Acme A2 000fd3054848',
    'server=http://10.0.0.1:8667',
    'lang=french',
    'A2 lines: 2',
    'key2=speeddial:1002',
    'key10=blf:1010',
    'tz=3600',
    'greeting=hello A2',
  ].join('\n'));
  assert.deepEqual(host.files.files.get('Acme/000fd3054848-extra.txt'), Buffer.from('extra for A2: Alice Éva ?', 'latin1'));
  const a1 = makeDevice({ id: 'a1', mac: '00:0f:d3:05:48:49', model: 'A1' });
  await host.configure(a1, RAW);
  assert.match(host.readFile('Acme/000fd3054849.cfg') ?? '', /^# Acme A1 000fd3054849\n[^]*overridden by the admin\nkey2=/);
  await host.deconfigure(a2);
  assert.deepEqual(await host.files.list(), ['Acme/000fd3054849-extra.txt', 'Acme/000fd3054849.cfg', 'Acme/common.cfg']);
});

test('a render error names the plugin, device and file', async () => {
  const host = await createTestHost(fixturePlugin('acme'), { id: 'acme-2.0.0' });
  await assert.rejects(
    // extra.tpl reads sip_lines['1'].display_name: an attribute of an undefined value is an error in Jinja2.
    host.configure(makeDevice({ id: 'dev-x', mac: '00:0f:d3:05:48:48' }), {}),
    (err: Error & { code?: string }) => err.code === 'DT_ERR_TEMPLATE_RENDER' && err.message.startsWith('[acme-2.0.0 device dev-x] Acme/000fd3054848-extra.txt: rendering extra.tpl'),
  );
});
