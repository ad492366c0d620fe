import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkInterfaceInfo } from 'node:os';
import { detectHostAddress } from './host-address.js';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` });

test('the first non-loopback IPv4 address, skipping container bridges and link-local addresses', () => {
  assert.equal(detectHostAddress({ lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')], eth0: [v4('169.254.3.3'), v4('192.0.2.20')] }), '192.0.2.20');
  assert.equal(detectHostAddress({ lo: [v4('127.0.0.1', true)] }), '127.0.0.1', 'no network: loopback');
});
