import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, startProvd } from './support.js';

test('one-shot commands print JSON for scripts and exit 0', async (t) => {
  const { provd, token } = await startProvd(t);
  const base = ['--url', provd.rest, '--token', token];
  const created = await fetch(`${provd.rest}/0.2/dev_mgr/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.proformatique.provd+json', accept: 'application/vnd.proformatique.provd+json', 'x-auth-token': token },
    body: JSON.stringify({ device: { mac: '00:0f:d3:01:02:03', vendor: 'Digium', model: 'D70' } }),
  });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };

  const list = await cli([...base, 'devices', 'list', '--json', '--mac', '00-0F-D3-01-02-03']);
  assert.equal(list.code, 0, list.stderr);
  const devices = JSON.parse(list.stdout) as Array<{ id: string; mac: string }>;
  assert.deepEqual(devices.map((d) => [d.id, d.mac]), [[id, '00:0f:d3:01:02:03']]);
  assert.deepEqual(JSON.parse((await cli([...base, 'devices', 'list', '--json', '--mac', '00:0f:d3:ff:ff:ff'])).stdout), []);

  const table = await cli([...base, 'devices', 'list']);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /^id\s+mac\s+ip/m);
  assert.match(table.stdout, /00:0f:d3:01:02:03/);

  const reconfigure = await cli([...base, 'devices', 'reconfigure', id]);
  assert.equal(reconfigure.code, 0, reconfigure.stderr);

  // a device without config cannot be synchronized: the operation fails and says why (exit 1)
  const synchronize = await cli([...base, 'devices', 'synchronize', id]);
  assert.equal(synchronize.code, 1, synchronize.stdout);
  assert.match(synchronize.stderr, new RegExp(`sync: fail: device ${id} is not configured`));

  assert.equal((await cli([...base, 'params', 'set', 'locale', 'fr_FR'])).code, 0);
  const locale = await cli([...base, 'params', 'get', 'locale']);
  assert.equal(locale.stdout, 'fr_FR\n');

  const config = await cli([...base, 'configs', 'get', 'base', '--json']).then((r) => (r.code === 0 ? r : cli([...base, 'configs', 'list', '--json'])));
  assert.equal(config.code, 0, config.stderr);
  assert.doesNotThrow(() => JSON.parse(config.stdout));

  const dhcp = await cli([...base, 'dhcp', 'config', 'isc']);
  assert.equal(dhcp.code, 0, dhcp.stderr);
  assert.match(dhcp.stdout, /class "dialtone-digium"/);
});

test('exit codes: 2 for a bad command line, 1 when provd refuses, 3 when provd is unreachable', async (t) => {
  const { provd, token } = await startProvd(t);
  const unknown = await cli(['--url', provd.rest, '--token', token, 'devices', 'frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command/);
  const badSelector = await cli(['--url', provd.rest, '--token', token, 'devices', 'list', '--q', '[1]']);
  assert.equal(badSelector.code, 2);
  assert.match(badSelector.stderr, /--q: expected a JSON object/);
  const missing = await cli(['--url', provd.rest, '--token', token, 'devices', 'get', 'no-such-device']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /404/);
  assert.equal(missing.stderr.trim().split('\n').length, 1, 'one line');
  const unreachable = await cli(['--url', 'http://127.0.0.1:9', '--token', token, 'status']);
  assert.equal(unreachable.code, 3);
  assert.match(unreachable.stderr, /cannot reach provd/);
});

test('--help shows defaults, --version prints the version; the token comes from PROVD_TOKEN or the data directory', async (t) => {
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /default:\s+"http:\/\/127\.0\.0\.1:8666"/);
  assert.match(help.stdout, /Exit codes/);
  const version = await cli(['--version']);
  assert.equal(version.stdout.trim(), '0.1.0');

  const { provd, token } = await startProvd(t);
  const fromEnv = await cli(['--url', provd.rest, 'status', '--json'], { PROVD_TOKEN: token });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  const urlFromEnv = await cli(['status', '--json'], { PROVD_URL: provd.rest, PROVD_TOKEN: token });
  assert.equal(urlFromEnv.code, 0, `PROVD_URL is used when --url is not given: ${urlFromEnv.stderr}`);
  const fromDataDir = await cli(['--url', provd.rest, '--data-dir', provd.dataDir, 'status', '--json']);
  assert.equal(fromDataDir.code, 0, fromDataDir.stderr);
  const noDataDir = await cli(['--url', provd.rest, '--data-dir', '/nonexistent', 'status']);
  assert.equal(noDataDir.code, 2);
  assert.match(noDataDir.stderr, /admin token/);
});
