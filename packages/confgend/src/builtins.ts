/**
 * The built-in drivers, declared the way packages declare theirs (name `dialtone`, origin
 * built-in).
 */
import { fileURLToPath } from 'node:url';
import type { DriverDeclaration } from './discovery.js';
import { BUILTIN_DRIVER } from './registry.js';

const templatesDir = fileURLToPath(new URL('../templates', import.meta.url));

const builtin = (file: string, exportName: string, load: () => Promise<unknown>): DriverDeclaration => ({
  file,
  name: BUILTIN_DRIVER,
  origin: { kind: 'builtin' },
  exportName,
  templatesDir,
  load,
});

export function builtinDrivers(): DriverDeclaration[] {
  return [
    builtin('asterisk.pjsip.conf', 'AsteriskPjsipDriver', () => import('./drivers/asterisk-pjsip.js')),
    builtin('provd.network.yml', 'ProvdNetworkDriver', () => import('./drivers/provd-network.js')),
    builtin('dhcpd.voip-classes.conf', 'DhcpdVoipClassesDriver', () => import('./drivers/dhcpd-voip-classes.js')),
  ];
}
