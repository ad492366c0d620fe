import type { SocketOptions } from 'node:dgram';
import { isIP } from 'node:net';

/**
 * A dgram `lookup` for sockets that only ever see IP literals: node's default
 * runs a DNS lookup (a nextTick and a closure) for every datagram sent.
 */
export const literalLookup = ((address: string, _family: unknown, callback: (err: null, address: string, family: number) => void) =>
  callback(null, address, isIP(address))) as unknown as NonNullable<SocketOptions['lookup']>;
