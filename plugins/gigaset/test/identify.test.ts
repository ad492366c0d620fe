/** Gigaset identification and association, on the built plugin: N510/N720 are configured, the other bases only identified. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dhcpRequest, httpRequest, makeDevice } from '@dialtone/plugin-sdk/testing';
import { stagedTestHost } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

const built = stagedTestHost(pluginDir, PLUGIN_ID);

const ua = (userAgent: string) => built.host.extract(httpRequest('/x', { headers: { 'User-Agent': userAgent } }));

test('User-Agents: model, full version, MAC', async () => {
  assert.deepEqual(await ua('Gigaset N870 IP PRO/83.V2.11.0+build.a546b91;7C2F80E0D605'), { vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.11.0', mac: '7c:2f:80:e0:d6:05' });
  assert.deepEqual(await ua('"Gigaset N510 IP PRO/42.250.00.000.000;7C2F80123456;Handset=1"'), { vendor: 'Gigaset', model: 'N510 IP PRO', version: '42.250.00.000.000', mac: '7c:2f:80:12:34:56' }, 'all five groups, not two');
  assert.deepEqual(await ua('Gigaset N720 DM PRO/70.108.00.000.000;7C2F80ABCDEF'), { vendor: 'Gigaset', model: 'N720 DM PRO', version: '70.108.00.000.000', mac: '7c:2f:80:ab:cd:ef' });
});

test('the N510/N720 forms without "Gigaset": model alone, dashes for spaces', async () => {
  assert.deepEqual(await ua('N510 IP PRO/42.245.00.000.000;7C2F804DF9A9'), { vendor: 'Gigaset', model: 'N510 IP PRO', version: '42.245.00.000.000', mac: '7c:2f:80:4d:f9:a9' });
  assert.deepEqual(await ua('N510 IP PRO/42.258.00.000.000'), { vendor: 'Gigaset', model: 'N510 IP PRO', version: '42.258.00.000.000' });
  assert.deepEqual(await ua('N720-DM-PRO/70.040.00.000.000'), { vendor: 'Gigaset', model: 'N720 DM PRO', version: '70.040.00.000.000' });
  assert.equal(await ua('N510 IPPRO/42.245.00.000.000'), null);
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Gigaset N870 IP PRO/83.V2.11.0;7C2F80E0D6'), { vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.11.0' });
  assert.deepEqual(await ua('Gigaset N870 IP PRO/beta;7C2F80E0D605'), { vendor: 'Gigaset', model: 'N870 IP PRO', mac: '7c:2f:80:e0:d6:05' });
  assert.deepEqual(await ua('N510 IP PRO/beta;7C2F804DF9A9'), { vendor: 'Gigaset', model: 'N510 IP PRO', mac: '7c:2f:80:4d:f9:a9' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`${junk}Gigaset N870 IP PRO/83.V2.65.0;${junk}7C2F80E0D605${junk}`), { vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.65.0', mac: '7c:2f:80:e0:d6:05' }, JSON.stringify(junk));
    assert.deepEqual(await ua(`${junk}N510 IP PRO/42.262.00.000.000;${junk}7C2F804DF9A9${junk}`), { vendor: 'Gigaset', model: 'N510 IP PRO', version: '42.262.00.000.000', mac: '7c:2f:80:4d:f9:a9' }, JSON.stringify(junk));
  }
  assert.equal(await ua('Mozilla/5.0 Gigaset fan'), null);
  assert.equal(await ua('Wget/1.21.2'), null);
});

test('DHCP option 60, with or without the Gigaset_ prefix', async () => {
  assert.deepEqual(await built.host.extract(dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'Gigaset_N720_DM_PRO' })), { vendor: 'Gigaset', model: 'N720 DM PRO' });
  assert.deepEqual(await built.host.extract(dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'N510_IP_PRO' })), { vendor: 'Gigaset', model: 'N510 IP PRO' });
  assert.deepEqual(await built.host.extract(dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'N720_DM_PRO' })), { vendor: 'Gigaset', model: 'N720 DM PRO' });
  assert.equal(await built.host.extract(dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'N999_XX_PRO' })), null);
  assert.equal(await built.host.extract(dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'dslforum.org' })), null);
});

test('association: N510/N720 at their own firmware EXACT, else COMPLETE; other bases IMPROBABLE', async () => {
  assert.equal(await built.host.associate({ vendor: 'Gigaset', model: 'N510 IP PRO', version: '42.262.00.000.000' }), 600);
  assert.equal(await built.host.associate({ vendor: 'Gigaset', model: 'N510 IP PRO', version: '70.117.00.000.000' }), 500, "the N720's firmware is not the N510's");
  assert.equal(await built.host.associate({ vendor: 'Gigaset', model: 'N720 DM PRO', version: '70.117.00.000.000' }), 600);
  assert.equal(await built.host.associate({ vendor: 'Gigaset', model: 'N720 IP PRO', version: '70.108.00.000.000' }), 500);
  assert.equal(await built.host.associate({ vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.65.0' }), 100);
  assert.equal(await built.host.associate({ vendor: 'Gigaset' }), 100);
  assert.equal(await built.host.associate({ vendor: 'Snom', model: 'N510 IP PRO' }), 100);
});

test('sensitive files and the remote-state trigger (upper-case MAC); HTTP only', () => {
  assert.equal(built.host.plugin.getRemoteStateTriggerFilename?.(makeDevice({ mac: '7c:2f:80:4d:f9:a9' })), '7C2F804DF9A9.xml');
  assert.equal(built.host.plugin.isSensitiveFilename?.('7C2F804DF9A9.xml'), true);
  assert.equal(built.host.plugin.tftp, false);
});
