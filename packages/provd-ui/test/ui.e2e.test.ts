// page.evaluate() callbacks run in the browser: they reach its globals through
// `(globalThis as unknown as PageGlobals)` (support/page-globals.ts), never through a helper.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openBrowser, SCREENSHOTS } from './support/browser.js';
import type { PageGlobals } from './support/page-globals.js';
import { startUiProvd } from './support/provd.js';

const TOOLS = fileURLToPath(new URL('../../plugin-tools/src/bin/dialtone-plugin.mjs', import.meta.url));
const DIGIUM = fileURLToPath(new URL('../../../plugins/digium', import.meta.url));

const mac = (n: number) => `00:0f:d3:${((n >> 16) & 255).toString(16).padStart(2, '0')}:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`;

test('without a token a view shows the login form and no data; a token in the fragment is kept out of the address bar', async (t) => {
  const p = await startUiProvd(t);
  await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:0f:d3:00:00:01', vendor: 'Digium', model: 'D70' } });
  const { page } = await openBrowser(t);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${p.provd.rest}/ui/#/devices`);
  await page.getByLabel('Access token').waitFor();
  assert.equal(await page.locator('#devices-table').count(), 0);
  assert.ok(!requests.some((u) => u.includes('/dev_mgr/')), 'no device data is asked for without a token');
  await page.screenshot({ path: `${SCREENSHOTS}login.png` });

  await page.goto(`${p.provd.rest}/ui/#/devices?token=${encodeURIComponent(p.token)}`);
  await page.locator('#devices-table').waitFor();
  assert.ok(!page.url().includes('token='), `the token left the address bar: ${page.url()}`);
  assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('dialtone.provd.token')), p.token);
  assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.getItem('dialtone.provd.token')), null, 'never stored beyond the session');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Access token').waitFor();
  assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('dialtone.provd.token')), null);
});

test('devices: server-side search, sort and paging; a device page changes the config and the served file follows', async (t) => {
  const p = await startUiProvd(t);
  const configA = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'office-a', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'alice1001', password: 'pw-a', display_name: 'Alice', proxy_ip: '10.0.0.10' } } } } });
  const configB = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'office-b', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'bob1002', password: 'pw-b', display_name: 'Bob', proxy_ip: '10.0.0.10' } } } } });
  assert.equal(configA.status, 201);
  assert.equal(configB.status, 201);
  for (let n = 1; n <= 120; n++) {
    const created = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: mac(n), vendor: 'Digium', model: n % 2 ? 'D70' : 'D40', version: '1.4.0.0.57389', plugin: 'digium', config: 'office-a' } });
    assert.equal(created.status, 201, created.body);
  }
  const { page } = await openBrowser(t);
  await page.goto(`${p.provd.rest}/ui/#/devices?token=${encodeURIComponent(p.token)}`);
  const rows = page.locator('#devices-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 50, 'one page of 50');
  assert.equal(await rows.first().locator('td').first().innerText(), mac(1));
  await page.screenshot({ path: `${SCREENSHOTS}devices.png`, fullPage: true });

  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('#devices-table tbody tr td')?.textContent === '00:0f:d3:00:00:33');
  await page.getByRole('button', { name: 'MAC' }).click();
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('#devices-table tbody tr td')?.textContent === '00:0f:d3:00:00:78');

  await page.getByLabel('Field').selectOption('mac');
  await page.getByRole('searchbox').fill('00:0F:D3:00:00:2');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('#devices-table tbody tr').length === 16);
  const shown = await rows.locator('td:first-child').allInnerTexts();
  assert.ok(shown.every((m) => m.startsWith('00:0f:d3:00:00:2')), shown.join(' '));

  const device = (await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac: mac(42) }))}`)).body.devices[0];
  const file = `${p.provd.http}/Digium/${mac(42).replace(/:/g, '')}.cfg`;
  assert.match(await (await fetch(file)).text(), /alice1001/);
  await page.goto(`${p.provd.rest}/ui/#/devices/${device.id}`);
  await page.getByLabel('Config', { exact: true }).fill('office-b');
  await page.locator('#device-save').click();
  const previewOf = `#device-files pre[data-file="Digium/${mac(42).replace(/:/g, '')}.cfg"]`;
  await page.waitForFunction((selector) => (globalThis as unknown as PageGlobals).document.querySelector(selector)?.textContent?.includes('bob1002'), previewOf);
  const preview = await page.locator(previewOf).textContent() ?? '';
  const servedNow = await (await fetch(file)).text();
  assert.match(servedNow, /pw-b/, 'the phone gets the password');
  assert.ok(!preview.includes('pw-b'), 'the password is masked in the preview');
  assert.equal(preview, servedNow.replaceAll('pw-b', '••••••'), 'the preview is the served file, password masked');
  await page.screenshot({ path: `${SCREENSHOTS}device.png`, fullPage: true });
  const served = await (await fetch(file)).text();
  assert.match(served, /bob1002/);
  assert.doesNotMatch(served, /alice1001/);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.locator('#device-delete').click();
  await page.waitForURL(/#\/devices$/);
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${device.id}`)).status, 404);
});

test('configs: the inheritance tree, a validation error shown next to its field, the flattened result', async (t) => {
  const p = await startUiProvd(t);
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'site', parent_ids: [], raw_config: { ntp_enabled: true, ntp_ip: '10.0.0.1' } } });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'floor-2', parent_ids: ['site'], raw_config: { locale: 'fr_FR' } } });
  const { page } = await openBrowser(t);
  await page.goto(`${p.provd.rest}/ui/#/configs?token=${encodeURIComponent(p.token)}`);
  const tree = page.locator('#configs-tree');
  await tree.getByRole('link', { name: 'floor-2' }).waitFor();
  assert.equal(await tree.locator('li:has(> a:text-is("site")) li > a:text-is("floor-2")').count(), 1, 'floor-2 sits under site');
  await page.screenshot({ path: `${SCREENSHOTS}configs.png`, fullPage: true });

  await tree.getByRole('link', { name: 'floor-2' }).click();
  await page.locator('#config-flat').waitFor();
  assert.match(await page.locator('#config-flat').innerText(), /"ntp_ip": "10.0.0.1"/);
  await page.locator('#config-raw').fill('{"vlan_enabled": true, "vlan_id": 99999}');
  await page.locator('#config-save').click();
  const error = page.locator('#config-raw-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /vlan/);
  await page.screenshot({ path: `${SCREENSHOTS}config-error.png`, fullPage: true });
  const stored = (await p.call('GET', '/0.2/cfg_mgr/configs/floor-2')).body.config;
  assert.deepEqual(stored.raw_config, { locale: 'fr_FR' }, 'the refused change left the config as it was');
});

test('French, a phone-sized screen, and the page weighs under 200 KB compressed', async (t) => {
  const p = await startUiProvd(t);
  const { page } = await openBrowser(t);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${p.provd.rest}/ui/#/devices`);
  await page.getByLabel('Language').selectOption('fr');
  await page.getByLabel('Jeton d’accès').waitFor();
  assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang), 'fr');
  const overflow = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth - (globalThis as unknown as PageGlobals).innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px)`);
  await page.screenshot({ path: `${SCREENSHOTS}login-fr-phone.png` });

  let total = 0;
  for (const name of ['', 'app.js', 'app.css']) {
    const response = await fetch(`${p.provd.rest}/ui/${name}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    total += Number(response.headers.get('content-length'));
  }
  assert.ok(total > 1000 && total <= 200 * 1024, `page weight ${total} bytes`);
});

test('settings and plugins: change the plugin server, see a validation error, update the list and install a plugin with progress', async (t) => {
  // a loopback plugin repository built from the Digium family
  const repo = mkdtempSync(join(tmpdir(), 'ui-repo-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  const built = spawnSync(process.execPath, [TOOLS, 'build', DIGIUM, '--out', repo], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const server = createServer((req, res) => {
    const file = join(repo, normalize(decodeURIComponent(req.url ?? '/')).replace(/^(\.\.[/\\])+/, ''));
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const repoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const p = await startUiProvd(t, []);
  const { page } = await openBrowser(t);
  await page.goto(`${p.provd.rest}/ui/#/settings?token=${encodeURIComponent(p.token)}`);
  const proxy = page.locator('form[data-param="http_proxy"]');
  await proxy.locator('input').fill('not a proxy');
  await proxy.getByRole('button', { name: 'Save' }).click();
  const proxyError = page.locator('#param-http_proxy-error');
  await proxyError.waitFor({ state: 'visible' });
  assert.match(await proxyError.innerText(), /http_proxy/);
  const server_ = page.locator('form[data-param="plugin_server"]');
  await server_.locator('input').fill(repoUrl);
  await server_.getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction((url) => (globalThis as unknown as PageGlobals).document.querySelector('#param-plugin_server')?.value === url, repoUrl);
  assert.match(await page.locator('#operations').innerText(), /No operation in progress/);
  await page.screenshot({ path: `${SCREENSHOTS}settings.png`, fullPage: true });
  assert.equal((await p.call('GET', '/0.2/configure/plugin_server')).body.param.value, repoUrl);

  await page.goto(`${p.provd.rest}/ui/#/plugins`);
  await page.locator('#plugins-update').click();
  await page.locator('#plugins-installable tr[data-plugin="digium-1.4.0.0"]').waitFor();
  assert.match(await page.locator('#plugins-progress').innerText(), /success/);
  await page.locator('#plugins-installable tr[data-plugin="digium-1.4.0.0"]').getByRole('button', { name: 'Install' }).click();
  await page.locator('#plugins-installed tr[data-plugin="digium-1.4.0.0"]').waitFor();
  assert.match(await page.locator('#plugins-installed').innerText(), /Digium D40/);
  await page.screenshot({ path: `${SCREENSHOTS}plugins.png`, fullPage: true });
  assert.ok('digium-1.4.0.0' in (await p.call('GET', '/0.2/pg_mgr/install/installed')).body.pkgs);
});
