import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { resolveConfig as resolveProvdConfig } from '@dialtone/provd';
import { parse } from 'yaml';
import { startConfgend } from '../../test/service.js';
import { configDir, tempDir, writeFile } from '../../test/support.js';
import { builtinDrivers } from '../builtins.js';
import { networkYaml, type Interfaces } from './provd-network.js';

const goldenDir = fileURLToPath(new URL('../../test/golden', import.meta.url));

function matchGolden(actual: string, name: string) {
  const path = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `differs from ${path} (UPDATE_GOLDEN=1 rewrites it)`);
}

// A host with loopback, a docker bridge and two real interfaces (IPv6 first on eth0).
const host: Interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '52:54:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
    { address: '10.0.0.5', netmask: '255.255.255.0', family: 'IPv4', mac: '52:54:00:00:00:01', internal: false, cidr: '10.0.0.5/24' },
  ],
  eth1: [{ address: '192.168.50.2', netmask: '255.255.255.0', family: 'IPv4', mac: '52:54:00:00:00:02', internal: false, cidr: '192.168.50.2/24' }],
};

test('provd/network.yml golden files: first interface, a chosen interface with listen addresses, a forced URL', () => {
  matchGolden(networkYaml({}, host), 'network-default.yml');
  matchGolden(networkYaml({ interface: 'eth1', http_port: 80, listen_on_interface: true, tftp_port: 6969 }, host), 'network-eth1-listen.yml');
  matchGolden(networkYaml({ advertised_http_url: 'https://prov.example.com' }, host), 'network-forced-url.yml');
  assert.throws(() => networkYaml({ interface: 'wlan0' }, host), /interface wlan0 has no IPv4 address \(interfaces: eth0, eth1, lo\)/);
  assert.throws(() => networkYaml({}, { lo: host.lo }), /no non-internal IPv4 address on this host/);
});

test('provd/network.yml on this host, served over HTTP, is a conf.d file provd accepts', async (t) => {
  const ipv4 = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
  const root = tempDir(t);
  // With no external address (a bare container), name loopback explicitly.
  const settings = ipv4.length ? { listen_on_interface: true } : { interface: 'lo', listen_on_interface: true };
  const dir = configDir(root, { config: { provd_network: settings } });
  const s = await startConfgend(t, dir, {}, builtinDrivers());
  const r = await s.get('/0.1/files/provd/network.yml');
  assert.equal(r.status, 200);
  const text = await r.text();
  const doc = parse(text) as { general: { advertised_http_url: string }; http: { ip: string } };
  assert.ok((ipv4.length ? ipv4 : ['127.0.0.1']).includes(doc.http.ip), `${doc.http.ip} is an address of this host`);
  assert.equal(doc.general.advertised_http_url, `http://${doc.http.ip}:8667`);

  const provdDir = join(root, 'provd');
  writeFile(join(provdDir, 'config.yml'), 'log:\n  level: silent\n');
  writeFile(join(provdDir, 'conf.d', 'network.yml'), text);
  const provdConfig = resolveProvdConfig({ configFile: join(provdDir, 'config.yml'), cwd: root });
  assert.equal(provdConfig.general.advertised_http_url, doc.general.advertised_http_url);
  assert.equal(provdConfig.http.ip, doc.http.ip);
});
