import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { provdPost, startEphemeralProvd } from '../../test/provd.js';
import { startConfgend } from '../../test/service.js';
import { configDir, tempDir } from '../../test/support.js';
import { builtinDrivers } from '../builtins.js';
import { loadPjsipConf } from '../pjsip/parse.js';

const golden = fileURLToPath(new URL('../../test/golden/pjsip.conf', import.meta.url));

function matchGolden(actual: string, path: string) {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `differs from ${path} (UPDATE_GOLDEN=1 rewrites it)`);
}

test('asterisk/pjsip.conf from a real provd: golden file, loads in the pjsip parser, bad lines skipped with a reason', async (t) => {
  const provd = await startEphemeralProvd();
  t.after(() => provd.close());
  const post = (path: string, body: unknown) => provdPost(provd.rest, path, body, provd.adminToken);
  await post('/0.2/cfg_mgr/configs', { config: { id: 'site', parent_ids: [], raw_config: { sip_dtmf_mode: 'RTP-out-of-band', sip_lines: { '2': { display_name: 'Shared', number: '2000' } } } } });
  await post('/0.2/cfg_mgr/configs', { config: { id: 'cfg-alice', parent_ids: ['site'], raw_config: { sip_srtp_mode: 'preferred', sip_lines: { '1': { username: 'alice', password: 'se;cret', display_name: 'Alice "Al" Smith', number: '1001', voicemail: '1001' }, '2': { username: 'alice-2', password: 'p2' } } } } });
  await post('/0.2/cfg_mgr/configs', { config: { id: 'cfg-bob', parent_ids: ['site'], raw_config: { sip_transport: 'tcp', sip_lines: { '1': { username: 'bob', auth_username: 'bob-auth', password: 'b0b', dtmf_mode: 'SIP-INFO' } } } } });
  await post('/0.2/cfg_mgr/configs', { config: { id: 'cfg-dup', parent_ids: [], raw_config: { sip_lines: { '1': { username: 'alice', password: 'x' }, '3': { username: 'bad name', password: 'x' } } } } });
  await post('/0.2/dev_mgr/devices', { device: { id: 'dev-a', mac: '00:11:22:33:44:01', config: 'cfg-alice' } });
  await post('/0.2/dev_mgr/devices', { device: { id: 'dev-b', mac: '00:11:22:33:44:02', config: 'cfg-bob' } });
  await post('/0.2/dev_mgr/devices', { device: { id: 'dev-c', config: 'cfg-dup' } });
  await post('/0.2/dev_mgr/devices', { device: { id: 'dev-d', mac: '00:11:22:33:44:04' } });

  const dir = configDir(tempDir(t), {
    config: {
      provd: { url: provd.rest, token: provd.adminToken },
      asterisk_pjsip: { transports: { 'transport-udp': { protocol: 'udp', bind: '0.0.0.0:5060' }, 'transport-tcp': { protocol: 'tcp', bind: '0.0.0.0:5060' } }, global: { user_agent: 'Dialtone PBX' } },
    },
  });
  const s = await startConfgend(t, dir, {}, builtinDrivers());
  const r = await s.get('/0.1/files/asterisk/pjsip.conf');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('confgend-driver'), 'dialtone');
  const text = await r.text();
  matchGolden(text, golden);

  const objects = loadPjsipConf(text);
  const count = (type: string) => objects.filter((o) => o.type === type).length;
  assert.deepEqual([count('endpoint'), count('auth'), count('aor'), count('transport')], [3, 3, 3, 2]);
  const alice = objects.find((o) => o.type === 'endpoint' && o.name === 'alice')!;
  assert.deepEqual(alice.options.get('callerid'), ['"Alice Al Smith" <1001>']);
  assert.deepEqual(alice.options.get('dtmf_mode'), ['rfc4733'], 'inherited from the parent config');
  assert.deepEqual(objects.find((o) => o.type === 'auth' && o.name === 'alice')!.options.get('password'), ['se;cret']);
  assert.deepEqual(objects.find((o) => o.type === 'endpoint' && o.name === 'bob')!.options.get('transport'), ['transport-tcp']);
  assert.match(text, /; skipped: device dev-c line 1: username alice is already used by device dev-a line 1/);
  assert.match(text, /; skipped: device dev-c line 3: username "bad name" is not a section name/);
});

test('asterisk/pjsip.conf: provd unreachable is an error naming the driver; the token goes in X-Auth-Token', async (t) => {
  const dir = configDir(tempDir(t), { config: { provd: { url: 'http://127.0.0.1:9' } } });
  const s = await startConfgend(t, dir, {}, builtinDrivers());
  const r = await s.get('/0.1/files/asterisk/pjsip.conf');
  assert.equal(r.status, 502);
  const body = (await r.json()) as { message: string; driver: string };
  assert.equal(body.driver, 'dialtone');
  assert.match(body.message, /^driver "dialtone" of asterisk\.pjsip\.conf failed: provd at http:\/\/127\.0\.0\.1:9 unreachable \(GET \/0\.2\/dev_mgr\/devices/);

  // a loopback listener records what the driver sends
  const seen: (string | undefined)[] = [];
  const listener = createServer((req, res) => {
    seen.push(req.headers['x-auth-token'] as string | undefined);
    res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid token');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  t.after(() => listener.close());
  const port = (listener.address() as { port: number }).port;
  const dir2 = configDir(join(tempDir(t), 'x'), { config: { provd: { url: `http://127.0.0.1:${port}`, token: 'tok-123' } } });
  const s2 = await startConfgend(t, dir2, {}, builtinDrivers());
  const r2 = await s2.get('/0.1/files/asterisk/pjsip.conf');
  assert.equal(r2.status, 502);
  assert.match(((await r2.json()) as { message: string }).message, /provd GET \/0\.2\/.* answered 401: invalid token/);
  assert.deepEqual(seen, ['tok-123', 'tok-123']);
});
