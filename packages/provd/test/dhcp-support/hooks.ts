/**
 * The lease hooks of deploy/dhcp, copied into the lab folder with their settings file beside
 * them (how an operator installs them), pointing at the test's provd through the uplink, with a
 * token limited to the dhcpinfo ACL made by `provd tokens create` as the guide says.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab } from './lab.js';

const DEPLOY = fileURLToPath(new URL('../../../../deploy/dhcp/', import.meta.url));
const PROVD_BIN = fileURLToPath(new URL('../../src/bin/provd.ts', import.meta.url));
export const HOOK_SCRIPTS = ['dialtone-dhcp-post', 'dialtone-dnsmasq-hook', 'dialtone-kea-hook'] as const;

/** A token of provd's built-in store allowed only to POST dhcpinfo, valid for an hour. */
export function dhcpinfoToken(dataDir: string): string {
  const out = execFileSync(PROVD_BIN, ['tokens', 'create', '--acl', 'provd.dev_mgr.dhcpinfo.create', '--expires', '1h', '--label', 'dhcp hook', '--json', '--data-dir', dataDir], { encoding: 'utf8' });
  return (JSON.parse(out) as { token: string }).token;
}

/** Installs the hooks in `<lab>/hooks/`; returns the folder. */
export function installHooks(lab: Lab, restPort: number, token: string): string {
  const dir = join(lab.dir, 'hooks');
  mkdirSync(dir, { recursive: true });
  for (const script of HOOK_SCRIPTS) {
    copyFileSync(join(DEPLOY, script), join(dir, script));
    chmodSync(join(dir, script), 0o755);
  }
  writeFileSync(join(dir, 'token'), `${token}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'dhcp-hook.conf'), [
    `PROVD_URL=http://${lab.hostIp}:${restPort}`,
    `PROVD_TOKEN_FILE=${join(dir, 'token')}`,
    'TIMEOUT=5',
    'MAX_PENDING=8',
    `SPOOL_DIR=${join(dir, 'spool')}`,
    '',
  ].join('\n'));
  return dir;
}
