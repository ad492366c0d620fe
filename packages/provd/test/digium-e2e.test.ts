import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { stagedDigium } from './support/digium.js';
import { startTestProvd } from './support/provd.js';


function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-s', '-S', '--max-time', '10', ...args], (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function hexBytes(text: string): string {
  return Buffer.from(text).toString('hex').match(/../g)!.join('.');
}

test('Digium D70 end to end: DHCP commit, config with two lines, curl the file', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [await stagedDigium(t)] });
  const plugins = (await p.call('GET', '/0.2/pg_mgr/plugins')).body.plugins;
  assert.equal(plugins.digium?.state, 'loaded', JSON.stringify(plugins.digium));
  // the built plugin: build.yml's firmware parameters applied (the source folder holds @@firmware_build@@)
  assert.match(JSON.stringify((await p.call('GET', '/0.2/pg_mgr/plugins/digium/info')).body), /in version 1\.4\.0\.0\./);

  const commit = await p.call('POST', '/0.2/dev_mgr/dhcpinfo', {
    dhcp_info: { op: 'commit', ip: '127.0.0.1', mac: '00:0f:d3:05:48:48', options: [`060${hexBytes('digium_D70_1_4_0_0_57389')}`] },
  });
  assert.equal(commit.status, 204);
  await p.provd.idle();
  const [device] = (await p.call('GET', '/0.2/dev_mgr/devices')).body.devices;
  assert.equal(device.mac, '00:0f:d3:05:48:48');
  assert.equal(device.vendor, 'Digium');
  assert.equal(device.model, 'D70');
  assert.equal(device.version, '1.4.0.0.57389');
  assert.equal(device.plugin, 'digium');

  const config = await p.call('POST', '/0.2/cfg_mgr/configs', {
    config: {
      parent_ids: [],
      raw_config: {
        sip_lines: {
          1: { username: 'alice1001', password: 'secret-a', display_name: 'Alice', number: '1001', proxy_ip: '10.0.0.10' },
          2: { username: 'bob1002', password: 'secret-b', display_name: 'Bob', number: '1002', proxy_ip: '10.0.0.10' },
        },
      },
    },
  });
  assert.equal(config.status, 201);
  const { id, configured: _c, is_new: _n, ...body } = device;
  assert.equal((await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { ...body, config: config.body.id } })).status, 204);
  const configured = (await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device;
  assert.equal(configured.configured, true, configured.configure_error);

  const cfg = await curl([`${p.http}/Digium/000fd3054848.cfg`]);
  assert.equal(cfg.code, 0, cfg.stderr);
  assert.match(cfg.stdout, /alice1001/);
  assert.match(cfg.stdout, /bob1002/);
  assert.match(cfg.stdout, /Alice/);
  assert.doesNotMatch(cfg.stdout, /@@/);
  assert.match(cfg.stdout, /Bob/);
  const contacts = await curl(['-o', '/dev/null', '-w', '%{http_code}', `${p.http}/Digium/000fd3054848-contacts.xml`]);
  assert.equal(contacts.stdout, '200');

  // The same file over TFTP: the request names no MAC, so the phone is found by the address
  // its DHCP lease reported.
  const overTftp = await curl([`tftp://127.0.0.1:${p.tftpPort}/Digium/000fd3054848.cfg`]);
  assert.equal(overTftp.code, 0, overTftp.stderr);
  assert.equal(overTftp.stdout, cfg.stdout);
});

test('Digium: an unknown phone\'s first request creates one device with vendor, model and plugin', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [await stagedDigium(t)] });
  const first = await curl(['-o', '/dev/null', '-w', '%{http_code}', `${p.http}/Digium/000fd3aabbcc.cfg`]);
  assert.equal(first.stdout, '404', 'nothing rendered yet: no config');
  const devices = (await p.call('GET', '/0.2/dev_mgr/devices')).body.devices;
  assert.equal(devices.length, 1);
  assert.equal(devices[0].mac, '00:0f:d3:aa:bb:cc');
  assert.equal(devices[0].vendor, 'Digium');
  assert.equal(devices[0].plugin, 'digium');

  await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:0f:d3:00:00:01', plugin: 'null' } });
  const ignored = await curl(['-o', '/dev/null', '-w', '%{http_code}', `${p.http}/Digium/000fd3000001.cfg`]);
  assert.equal(ignored.stdout, '404', 'null plugin device');

  for (const path of ['/Digium/../plugin-info', '/Digium/%2e%2e/plugin-info', '/Digium/..%2f..%2fplugin-info']) {
    const res = await curl(['--path-as-is', '-w', '\n%{http_code}', `${p.http}${path}`]);
    const status = res.stdout.split('\n').pop();
    assert.ok(status === '404' || status === '400', `${path} → ${status}`);
    assert.doesNotMatch(res.stdout, /capabilities/);
  }
});
