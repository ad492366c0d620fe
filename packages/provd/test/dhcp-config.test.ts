import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stagedDigium } from './support/digium.js';
import { startTestProvd } from './support/provd.js';

const auth = (p: { adminToken: string }) => ({ headers: { 'x-auth-token': p.adminToken } });


function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} is missing: run bash scripts/setup-test-deps.sh`);
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

test('generated DHCP configuration for the installed plugins passes ISC dhcpd, Kea and dnsmasq syntax checks', async (t) => {
  const p = await startTestProvd(t, { 'general.advertised_http_url': 'http://192.0.2.10:8667' }, { plugins: [await stagedDigium(t)] });
  const dir = mkdtempSync(join(tmpdir(), 'provd-dhcp-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  const isc = await fetch(`${p.rest}/0.2/dhcp_mgr/config/isc`, auth(p));
  assert.equal(isc.status, 200);
  assert.match(isc.headers.get('content-type') ?? '', /^text\/plain/);
  const iscText = await isc.text();
  assert.match(iscText, /class "dialtone-digium" \{/);
  assert.match(iscText, /match if substring\(option vendor-class-identifier, 0, 7\) = "digium_";/);
  assert.match(iscText, /option tftp-server-name "http:\/\/192\.0\.2\.10:8667\/";/);
  writeFileSync(join(dir, 'dhcpd.conf'), `${iscText}\nsubnet 192.0.2.0 netmask 255.255.255.0 {\n  pool {\n    allow members of "dialtone-digium";\n    range 192.0.2.100 192.0.2.199;\n  }\n}\n`);
  const dhcpd = await run('dhcpd', ['-t', '-4', '-cf', join(dir, 'dhcpd.conf'), '-lf', join(dir, 'leases')]);
  assert.equal(dhcpd.code, 0, dhcpd.output);

  const kea = await fetch(`${p.rest}/0.2/dhcp_mgr/config/kea`, auth(p));
  assert.equal(kea.status, 200);
  const keaConfig = (await kea.json()) as { Dhcp4: { 'client-classes': Array<{ name: string; test: string }> } };
  assert.deepEqual(keaConfig.Dhcp4['client-classes'].map((c) => c.name), ['dialtone-digium']);
  writeFileSync(join(dir, 'kea.json'), JSON.stringify({ Dhcp4: { ...keaConfig.Dhcp4, 'lease-database': { type: 'memfile', persist: false }, subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.199', 'client-class': 'dialtone-digium' }] }] } }));
  const keaCheck = await run('kea-dhcp4', ['-t', join(dir, 'kea.json')]);
  assert.equal(keaCheck.code, 0, keaCheck.output);

  const dnsmasq = await fetch(`${p.rest}/0.2/dhcp_mgr/config/dnsmasq`, auth(p));
  const dnsmasqText = await dnsmasq.text();
  assert.match(dnsmasqText, /^dhcp-vendorclass=set:dialtone-digium,digium_$/m);
  assert.match(dnsmasqText, /^dhcp-option=tag:dialtone-digium,66,"http:\/\/192\.0\.2\.10:8667\/"$/m);
  writeFileSync(join(dir, 'dnsmasq.conf'), `${dnsmasqText}\ndhcp-range=192.0.2.100,192.0.2.199,12h\n`);
  const dnsmasqCheck = await run('dnsmasq', ['--test', `--conf-file=${join(dir, 'dnsmasq.conf')}`]);
  assert.equal(dnsmasqCheck.code, 0, dnsmasqCheck.output);
  assert.match(dnsmasqCheck.output, /syntax check OK/);

  const anonymous = await fetch(`${p.rest}/0.2/dhcp_mgr/config/isc`);
  assert.equal(anonymous.status, 401, 'a token is needed');
  const unknown = await fetch(`${p.rest}/0.2/dhcp_mgr/config/windows`, auth(p));
  assert.equal(unknown.status, 404);
  assert.match(await unknown.text(), /isc, kea, dnsmasq/);
});

test('with no family installed the configuration says so and still parses', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const text = await (await fetch(`${p.rest}/0.2/dhcp_mgr/config/isc`, auth(p))).text();
  assert.match(text, /none with a DHCP vendor class/);
  assert.doesNotMatch(text, /^class /m);
});
