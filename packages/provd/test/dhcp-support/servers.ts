/**
 * The three DHCP servers, run for real in the lab's server namespace with the configuration
 * provd generated plus a subnet, and the lease hooks of deploy/dhcp. None touches system
 * state: configuration, leases, pid and lock files live in the lab folder.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab } from './lab.js';

const DEPLOY = fileURLToPath(new URL('../../../../deploy/dhcp/', import.meta.url));
const RUN_SCRIPT = ['/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_run_script.so', '/usr/lib/aarch64-linux-gnu/kea/hooks/libdhcp_run_script.so', '/usr/lib/kea/hooks/libdhcp_run_script.so'];

/** ISC dhcpd: the generated classes, a pool for them, and on commit/release/expiry hooks. */
export function startIscDhcpd(lab: Lab, generated: string, hooks: string, leaseSeconds: number) {
  const post = join(hooks, 'dialtone-dhcp-post');
  const args = (op: string) =>
    `execute("${post}", "${op}", binary-to-ascii(10, 8, ".", leased-address), binary-to-ascii(16, 8, ":", substring(hardware, 1, 6)), pick-first-value(binary-to-ascii(16, 8, ".", option vendor-class-identifier), ""));`;
  const classes = [...generated.matchAll(/^class "([^"]+)"/gm)].map((m) => m[1]);
  const conf = join(lab.dir, 'dhcpd.conf');
  writeFileSync(conf, `${generated}
ddns-update-style none;
authoritative;
default-lease-time ${leaseSeconds};
min-lease-time ${leaseSeconds};
max-lease-time ${leaseSeconds};
on commit { ${args('commit')} }
on release { ${args('release')} }
on expiry { ${args('expiry')} }
subnet ${lab.lanPrefix}.0 netmask 255.255.255.0 {
  pool {
${classes.map((c) => `    allow members of "${c}";`).join('\n')}
    range ${lab.lanPrefix}.100 ${lab.lanPrefix}.150;
  }
}
`);
  const leases = join(lab.dir, 'dhcpd.leases');
  writeFileSync(leases, '');
  return lab.spawn(lab.serverNs, 'dhcpd', ['-4', '-f', '-d', '-cf', conf, '-lf', leases, '-pf', join(lab.dir, 'dhcpd.pid'), lab.lanIface]);
}

/** Kea: the generated client classes, a pool for them, and a lease hook library. */
/** Kea's hook library entry: run_script with the Kea adapter, or Dialtone's forwarding library. */
export type KeaHook = { library: string; parameters: Record<string, unknown> };

export function runScriptHook(library: string, hooks: string): KeaHook {
  return { library, parameters: { name: join(hooks, 'dialtone-kea-hook'), sync: false } };
}

export function forwardingHook(library: string, hooks: string): KeaHook {
  return { library, parameters: { script: join(hooks, 'dialtone-dhcp-post') } };
}

/** Builds deploy/dhcp/kea's forwarding hook library into the lab folder (g++, kea-dev). */
export function buildForwardingHook(lab: Lab): string {
  const out = join(lab.dir, 'libdialtone_kea_hook.so');
  try {
    execFileSync('sh', [join(DEPLOY, 'kea', 'build.sh'), out], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (err) {
    throw new Error(`cannot build the Kea hook library (needs g++, kea-dev, libboost-dev: run bash scripts/setup-test-deps.sh):\n${(err as { stderr?: Buffer }).stderr?.toString() ?? (err as Error).message}`);
  }
  return out;
}

export function startKea(lab: Lab, generated: { Dhcp4: Record<string, unknown> }, leaseSeconds: number, hook: KeaHook) {
  const classes = (generated.Dhcp4['client-classes'] as Array<{ name: string }>).map((c) => c.name);
  const config = {
    Dhcp4: {
      ...generated.Dhcp4,
      'interfaces-config': { interfaces: [lab.lanIface] },
      'lease-database': { type: 'memfile', persist: false },
      'valid-lifetime': leaseSeconds,
      'expired-leases-processing': { 'reclaim-timer-wait-time': 1, 'hold-reclaimed-time': 0, 'flush-reclaimed-timer-wait-time': 0 },
      'hooks-libraries': [hook],
      subnet4: [{ id: 1, subnet: `${lab.lanPrefix}.0/24`, pools: classes.map((c) => ({ pool: `${lab.lanPrefix}.100 - ${lab.lanPrefix}.150`, 'client-class': c })) }],
      loggers: [{ name: 'kea-dhcp4', output_options: [{ output: 'stdout' }], severity: 'INFO' }],
    },
  };
  const file = join(lab.dir, 'kea-dhcp4.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return lab.spawn(lab.serverNs, 'kea-dhcp4', ['-c', file], { KEA_LOCKFILE_DIR: lab.dir, KEA_PIDFILE_DIR: lab.dir, KEA_LOGGER_DESTINATION: 'stdout' });
}

export function runScriptLibrary(exists: (path: string) => boolean): string {
  const found = RUN_SCRIPT.find(exists);
  if (!found) throw new Error(`Kea's run_script hook library is missing (${RUN_SCRIPT.join(', ')}): run bash scripts/setup-test-deps.sh`);
  return found;
}

/** dnsmasq: DHCP only (no DNS), the generated vendor classes and options, the dnsmasq adapter. */
export function startDnsmasq(lab: Lab, generated: string, hooks: string) {
  const conf = join(lab.dir, 'dnsmasq.conf');
  writeFileSync(conf, generated);
  return lab.spawn(lab.serverNs, 'dnsmasq', [
    '-k',
    `--conf-file=${conf}`,
    '--no-resolv',
    '--no-hosts',
    '--port=0',
    `--interface=${lab.lanIface}`,
    '--bind-interfaces',
    `--dhcp-range=${lab.lanPrefix}.100,${lab.lanPrefix}.150,255.255.255.0,2m`,
    `--dhcp-leasefile=${join(lab.dir, 'dnsmasq.leases')}`,
    `--pid-file=${join(lab.dir, 'dnsmasq.pid')}`,
    `--dhcp-script=${join(hooks, 'dialtone-dnsmasq-hook')}`,
    '--user=root',
    '--dhcp-authoritative',
    '--log-facility=-',
    '--log-dhcp',
  ]);
}
