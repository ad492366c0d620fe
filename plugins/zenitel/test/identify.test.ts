/** Identification of Zenitel stations from their TFTP requests, association, files, synchronize. */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { createTestHost, dhcpRequest, httpRequest, makeDevice, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { PLUGIN_ID, pluginDir } from '../src/index.js';
import { rebootStation } from '../hooks.js';

let host: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
});
after(() => host.close());

test('TFTP: the shared file says Zenitel, the station file gives the MAC', async () => {
  assert.deepEqual(await host.extract(tftpRequest('ipst_config.cfg')), { vendor: 'Zenitel', model: 'IP station' });
  assert.deepEqual(await host.extract(tftpRequest('/ipst_config_00_13_cb_01_02_03.cfg')), { vendor: 'Zenitel', model: 'IP station', mac: '00:13:cb:01:02:03' });
  assert.deepEqual(await host.extract(tftpRequest('ipst_config_00_13_CB_01_02_0A.cfg')), { vendor: 'Zenitel', model: 'IP station', mac: '00:13:cb:01:02:0a' });
});

test('nothing else is claimed; nothing over HTTP or DHCP', async () => {
  assert.equal(await host.extract(tftpRequest('ipst_config_00_13_cb.cfg')), null);
  assert.equal(await host.extract(tftpRequest('001122334455.cfg')), null);
  assert.equal(await host.extract(httpRequest('/ipst_config.cfg')), null);
  assert.equal(await host.extract(dhcpRequest({ mac: '00:13:cb:01:02:03', vendorClass: 'udhcp 1.36.1' })), null);
});

test('association: a station is COMPLETE (no firmware to compare), another vendor IMPROBABLE', async () => {
  assert.equal(await host.associate({ vendor: 'Zenitel', model: 'IP station' }), 500);
  assert.equal(await host.associate({ vendor: 'Zenitel', model: 'Turbine' }), 200);
  assert.equal(await host.associate({ vendor: 'Fanvil', model: 'IP station' }), 100);
});

test('files: TFTP only, trigger, sensitive names, deconfigure', async () => {
  const device = makeDevice({ mac: '00:13:cb:01:02:03', model: 'IP station' });
  assert.equal(host.plugin.http, false);
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), 'ipst_config_00_13_cb_01_02_03.cfg');
  assert.equal(host.plugin.isSensitiveFilename?.('ipst_config_00_13_cb_01_02_03.cfg'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('ipst_config.cfg'), false);
  await host.configure(device, { sip_lines: { '1': { username: 'door', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('ipst_config_00_13_cb_01_02_03.cfg') ?? '', /^ sip_id=door$/m);
  await host.deconfigure(device);
  assert.equal(host.readFile('ipst_config_00_13_cb_01_02_03.cfg'), null);
});

async function station(status: number): Promise<{ ip: string; requests: Array<{ req: IncomingMessage; body: string }>; close(): Promise<void> }> {
  const requests: Array<{ req: IncomingMessage; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ req, body });
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { ip: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

test('synchronize reboots the station through its web form, with the admin password or the factory one', async (t) => {
  const s = await station(200);
  t.after(() => s.close());
  await host.plugin.synchronize?.(makeDevice({ mac: '00:13:cb:01:02:03', ip: s.ip }), {});
  await host.plugin.synchronize?.(makeDevice({ mac: '00:13:cb:01:02:03', ip: s.ip }), { admin_password: 's3cret' });
  assert.equal(s.requests.length, 2);
  assert.equal(s.requests[0].req.method, 'POST');
  assert.equal(s.requests[0].req.url, '/goform/zForm_send_cmd');
  assert.equal(s.requests[0].body, 'message=Reboot');
  assert.equal(s.requests[0].req.headers.authorization, `Basic ${Buffer.from('admin:alphaadmin').toString('base64')}`);
  assert.equal(s.requests[1].req.headers.authorization, `Basic ${Buffer.from('admin:s3cret').toString('base64')}`);
});

test('synchronize fails clearly: refused reboot, no IP', async (t) => {
  const s = await station(401);
  t.after(() => s.close());
  await assert.rejects(rebootStation(s.ip, 'admin', 'wrong'), /reboot refused \(HTTP 401\)/);
  await assert.rejects(Promise.resolve(host.plugin.synchronize?.(makeDevice({ mac: '00:13:cb:01:02:03' }), {})), /IP address needed/);
});
