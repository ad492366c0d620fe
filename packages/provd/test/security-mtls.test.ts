import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { ProvdClient } from '@dialtone/provd-client';
import { startEphemeralProvd } from '../src/testing/index.js';
import { FIXTURE_PLUGINS } from './support/provd.js';

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A vendor CA, provd's server certificate, and client certificates (one per common name; `rogue` self-signed). */
function certificates(dir: string) {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Test Vendor CA');
  ssl('req', '-x509', ...EC, '-keyout', 'server.key', '-out', 'server.pem', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
  for (const [name, cn] of [['phone', 'SEP001122335511'], ['other', 'SEP001122335599']]) {
    ssl('req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '1');
  }
  ssl('req', '-x509', ...EC, '-keyout', 'rogue.key', '-out', 'rogue.pem', '-days', '1', '-subj', '/CN=SEP001122335511');
  const file = (name: string) => readFileSync(join(dir, name));
  return { file, path: (name: string) => join(dir, name) };
}

function httpsGet(port: number, path: string, server: Buffer, client?: { key: Buffer; cert: Buffer }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca: server, ...(client ?? {}), agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

test('HTTPS port with mutual TLS: a vendor certificate naming the device\'s MAC gets its files from any address', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'provd-mtls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const certs = certificates(dir);
  const running = await startEphemeralProvd({
    plugins: [join(FIXTURE_PLUGINS, 'test-plugin')],
    logger: pino({ level: 'silent' }),
    settings: {
      'general.identification_profile': 'secure',
      'https.enabled': true,
      'https.ip': '127.0.0.1',
      'https.port': 0,
      'https.cert_file': certs.path('server.pem'),
      'https.key_file': certs.path('server.key'),
      'https.client_ca_file': certs.path('ca.pem'),
    },
  });
  t.after(() => running.close());
  const port = running.addresses.https?.port;
  assert.ok(port, 'the HTTPS port is open');
  const client = new ProvdClient({ url: running.rest, token: running.adminToken });
  const cfg = await client.raw('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { username: 'alice' } } } } });
  // the device lives at another address than the test's 127.0.0.1
  assert.equal((await client.raw('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:11:22:33:55:11', ip: '10.5.0.1', plugin: 'test-plugin', config: cfg.body.id } })).status, 201);
  const path = '/test/001122335511.cfg';
  const server = certs.file('server.pem');

  assert.equal((await fetch(`${running.http}${path}`)).status, 404, 'plain HTTP from another address: not served');
  assert.equal(await httpsGet(port, path, server, { key: certs.file('phone.key'), cert: certs.file('phone.pem') }), 200, 'the phone\'s own certificate');
  assert.equal(await httpsGet(port, path, server, { key: certs.file('other.key'), cert: certs.file('other.pem') }), 404, 'a certificate of another phone');
  await assert.rejects(httpsGet(port, path, server), 'no client certificate: the handshake fails');
  await assert.rejects(httpsGet(port, path, server, { key: certs.file('rogue.key'), cert: certs.file('rogue.pem') }), 'a certificate from another CA: the handshake fails');
});
