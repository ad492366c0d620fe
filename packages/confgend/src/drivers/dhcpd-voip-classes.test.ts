import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEphemeralProvd } from '../../test/provd.js';
import { startConfgend } from '../../test/service.js';
import { configDir, tempDir } from '../../test/support.js';

// provd does not have GET /0.2/dhcp_mgr/config/isc yet, so the driver is not a built-in. What can be
// checked against the real provd today: the driver asks that route and reports provd's answer.
test('dhcpd/voip-classes.conf against a provd without the route: an error naming the driver and the route', async (t) => {
  const provd = await startEphemeralProvd();
  t.after(() => provd.close());
  const dir = configDir(tempDir(t), { config: { provd: { url: provd.rest } } });
  const s = await startConfgend(t, dir, {}, [
    { file: 'dhcpd.voip-classes.conf', name: 'dialtone', origin: { kind: 'builtin' }, exportName: 'DhcpdVoipClassesDriver', load: () => import('./dhcpd-voip-classes.js') },
  ]);
  const r = await s.get('/0.1/files/dhcpd/voip-classes.conf');
  assert.equal(r.status, 502);
  const body = (await r.json()) as { driver: string; message: string };
  assert.equal(body.driver, 'dialtone');
  assert.match(body.message, /^driver "dialtone" of dhcpd\.voip-classes\.conf failed: provd GET \/0\.2\/dhcp_mgr\/config\/isc answered 404/);
});
