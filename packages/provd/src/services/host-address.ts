import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * The address phones on the network should use when provd listens on every address and no
 * advertised URL is set: the first IPv4 address of a non-loopback interface that is up (in the
 * order the system lists them), else 127.0.0.1.
 */
export function detectHostAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string {
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (name === 'lo' || name.startsWith('docker') || name.startsWith('veth') || name.startsWith('br-')) continue;
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'));
    if (found) return found.address;
  }
  return '127.0.0.1';
}
