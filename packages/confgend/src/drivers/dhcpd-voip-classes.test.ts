import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startEphemeralProvd } from '../../test/provd.js';
import { startConfgend } from '../../test/service.js';
import { configDir, tempDir } from '../../test/support.js';

const DIGIUM = fileURLToPath(new URL('../../../../plugins/digium', import.meta.url));

test('dhcpd/voip-classes.conf (built-in) serves the vendor classes provd generates for its installed plugins', async (t) => {
  const provd = await startEphemeralProvd({ plugins: [DIGIUM], settings: { 'general.advertised_http_url': 'http://192.0.2.10:8667' } });
  t.after(() => provd.close());
  const dir = configDir(tempDir(t), { config: { provd: { url: provd.rest, token: provd.adminToken } } });
  const s = await startConfgend(t, dir);
  const r = await s.get('/0.1/files/dhcpd/voip-classes.conf');
  assert.equal(r.status, 200);
  const text = await r.text();
  assert.match(text, /^class "dialtone-digium" \{$/m);
  assert.match(text, /match if substring\(option vendor-class-identifier, 0, 7\) = "digium_";/);
  assert.match(text, /option tftp-server-name "http:\/\/192\.0\.2\.10:8667\/";/);
});

test('dhcpd/voip-classes.conf against a provd that refuses: an error naming the driver and the route', async (t) => {
  const provd = await startEphemeralProvd();
  t.after(() => provd.close());
  const dir = configDir(tempDir(t), { config: { provd: { url: `${provd.rest}/nowhere`, token: provd.adminToken } } });
  const s = await startConfgend(t, dir);
  const r = await s.get('/0.1/files/dhcpd/voip-classes.conf');
  assert.equal(r.status, 502);
  const body = (await r.json()) as { driver: string; message: string };
  assert.equal(body.driver, 'dialtone');
  assert.match(body.message, /^driver "dialtone" of dhcpd\.voip-classes\.conf failed: provd GET \/nowhere\/0\.2\/dhcp_mgr\/config\/isc answered 404|driver "dialtone" of dhcpd\.voip-classes\.conf failed: .*404/);
});
