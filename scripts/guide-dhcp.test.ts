// The DHCP snippets of docs/guides/first-phone.md pass their servers' own syntax checks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const guide = readFileSync(new URL('../docs/guides/first-phone.md', import.meta.url), 'utf8');

function snippet(language: string): string {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(guide);
  assert.ok(match, `the guide has a ${language} snippet`);
  return match[1] as string;
}

function check(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw new Error(`${command}: ${result.error.message} (run bash scripts/setup-test-deps.sh)`);
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}${result.stderr}`);
}

test('the ISC dhcpd, Kea and dnsmasq snippets of the first-phone guide are valid', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'guide-dhcp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'dhcpd.conf'), snippet('isc-dhcpd'));
  check('dhcpd', ['-t', '-4', '-cf', join(dir, 'dhcpd.conf'), '-lf', join(dir, 'leases')]);
  writeFileSync(join(dir, 'kea.json'), snippet('kea'));
  check('kea-dhcp4', ['-t', join(dir, 'kea.json')]);
  writeFileSync(join(dir, 'dnsmasq.conf'), snippet('dnsmasq'));
  check('dnsmasq', ['--test', `--conf-file=${join(dir, 'dnsmasq.conf')}`]);
});
