import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { stageTemp } from '@dialtone/plugin-tools';
import { createTestHost, makeDevice } from '@dialtone/plugin-sdk/testing';
import { digiumPluginDir } from '../src/index.js';

test('the D70 config has both lines, and deconfigure removes both files', async (t) => {
  const staged = await stageTemp(digiumPluginDir);
  t.after(() => staged.remove());
  const host = await createTestHost(staged.dir);
  const device = makeDevice({ mac: '00:0f:d3:05:48:48', model: 'D70', vendor: 'Digium' });
  const raw = {
    ip: '10.0.0.1', http_port: 8667,
    sip_lines: { '1': { username: 'line-one', password: 'p1', proxy_ip: '10.0.0.2' }, '2': { username: 'line-two', password: 'p2', proxy_ip: '10.0.0.2' } },
  };
  await host.configure(device, raw);
  const cfg = host.readFile('Digium/000fd3054848.cfg') ?? '';
  assert.match(cfg, /username="line-one"/);
  assert.match(cfg, /username="line-two"/);
  await host.deconfigure(device);
  assert.deepEqual(await host.files.list(), []);
});

test('an admin override in var/templates wins, and may extend the shipped base.tpl', async (t) => {
  const staged = await stageTemp(digiumPluginDir);
  t.after(() => staged.remove());
  await writeFile(join(staged.dir, 'var', 'templates', 'D70.tpl'), "{% extends 'base.tpl' %}{% block model_settings %}\n    <setting id=\"x_site\">{{ XX_mac }}</setting>{% endblock %}\n");
  const host = await createTestHost(staged.dir);
  await host.configure(makeDevice({ mac: '00:0f:d3:05:48:49', model: 'D70' }), { ip: '10.0.0.1' });
  assert.match(host.readFile('Digium/000fd3054849.cfg') ?? '', /<setting id="x_site">000fd3054849<\/setting>\n {2}<\/settings>/);
  await host.configure(makeDevice({ mac: '00:0f:d3:05:48:50', model: 'D40' }), { ip: '10.0.0.1' });
  assert.doesNotMatch(host.readFile('Digium/000fd3054850.cfg') ?? '', /x_site/);
});
