/**
 * dhclient (isc-dhcp-client) as a phone in the client namespace: it sends the phone's vendor
 * class (option 60), asks for the provisioning options, and records what it was given through its
 * own script (no system file is touched: lease, pid and script in the lab folder).
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from './lab.js';

export interface PhoneLease {
  ip: string;
  /** Option 66 as the phone received it. */
  tftpServerName: string | undefined;
  env: Record<string, string>;
}

/** `serverOutput` is added to a failure's message (what the DHCP server said). */
export function dhcpPhone(lab: Lab, mac: string, vendorClass: string, serverOutput: () => string = () => '') {
  // the phone's own MAC (a vendor OUI), set on the client end of the LAN
  lab.run(lab.clientNs, 'ip', ['link', 'set', 'dev', lab.clientIface, 'down']);
  lab.run(lab.clientNs, 'ip', ['link', 'set', 'dev', lab.clientIface, 'address', mac]);
  lab.run(lab.clientNs, 'ip', ['link', 'set', 'dev', lab.clientIface, 'up']);
  const conf = join(lab.dir, 'dhclient.conf');
  const leases = join(lab.dir, 'dhclient.leases');
  const pid = join(lab.dir, 'dhclient.pid');
  const script = join(lab.dir, 'dhclient-script');
  const events = join(lab.dir, 'dhclient-events');
  writeFileSync(conf, `send vendor-class-identifier "${vendorClass}";\nrequest subnet-mask, broadcast-address, tftp-server-name, vendor-encapsulated-options;\n`);
  // Configures the address in the client namespace (release is sent from it) and records each event.
  writeFileSync(script, `#!/bin/sh
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT) ip -4 addr flush dev "$interface"; ip -4 addr add "$new_ip_address/$new_subnet_mask" dev "$interface" ;;
  RELEASE|EXPIRE|FAIL|STOP) ip -4 addr flush dev "$interface" ;;
esac
{ echo "--- $reason"; env | grep -E '^(new|old)_' ; } >> '${events}'
exit 0
`);
  chmodSync(script, 0o755);
  const args = ['-4', '-cf', conf, '-lf', leases, '-pf', pid, '-sf', script];
  return {
    /** Gets a lease (dhclient then stays in the background to renew it). */
    lease(): PhoneLease {
      try {
        lab.run(lab.clientNs, 'dhclient', ['-1', '-v', ...args, lab.clientIface]);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n--- DHCP server:\n${serverOutput()}`);
      }
      const text = existsSync(events) ? readFileSync(events, 'utf8') : '';
      const bound = text.split('--- ').filter((block) => /^(BOUND|REBOOT)\n/.test(block)).at(-1);
      if (!bound) throw new Error(`dhclient got no lease:\n${text}`);
      const env = Object.fromEntries(bound.split('\n').slice(1).filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      return { ip: env.new_ip_address ?? '', tftpServerName: env.new_tftp_server_name, env };
    },
    /** DHCPRELEASE (dhclient -r), which also stops the background dhclient. */
    release(): void {
      lab.run(lab.clientNs, 'dhclient', ['-r', '-v', ...args, lab.clientIface]);
    },
    /** Stops dhclient without releasing: the server's lease runs out on its own. */
    vanish(): void {
      lab.run(lab.clientNs, 'dhclient', ['-x', ...args, lab.clientIface]);
    },
  };
}
