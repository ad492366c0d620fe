/**
 * All families together, as provd runs them: each request below is shown to every family's
 * extractor; only the family of the phone that sent it may answer, and a request that says
 * nothing of a vendor gets no answer from any family.
 */
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import type { ProvRequest } from '@dialtone/plugin-sdk';

const root = fileURLToPath(new URL('..', import.meta.url));
const hosts = new Map<string, TestHost>();

before(async () => {
  for (const name of readdirSync(join(root, 'plugins')).sort()) {
    const dir = join(root, 'plugins', name);
    if (existsSync(join(dir, 'family.yml'))) hosts.set(name, await createTestHost(dir, { id: name }));
  }
});
after(async () => {
  for (const host of hosts.values()) await host.close();
});

const ua = (userAgent: string, path = '/x') => httpRequest(path, { headers: { 'User-Agent': userAgent } });

async function claimants(req: ProvRequest): Promise<string[]> {
  const out: string[] = [];
  for (const [name, host] of hosts) if ((await host.extract(req)) !== null) out.push(name);
  return out;
}

const OWNED: Array<[string, ProvRequest, string]> = [
  ['Yealink UA', ua('Yealink SIP-T46S 66.86.0.15 805ec0123456', '/805ec0123456.cfg'), 'yealink'],
  ['Yealink common file', httpRequest('/y000000000066.cfg'), 'yealink'],
  ['Polycom UA', ua('FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 (SN:0004f2aabbcc) Type/Application', '/0004f2aabbcc-user.cfg'), 'polycom'],
  ['Polycom master file', httpRequest('/000000000000.cfg'), 'polycom'],
  ['Polycom DHCP', dhcpRequest({ mac: '00:04:f2:aa:bb:cc', vendorClass: 'Polycom-VVX411' }), 'polycom'],
  ['Cisco SPA UA', ua('Cisco/SPA508G-7.4.8a (0002FDFF2103)(CBT141400UK)', '/0002fdff2103.xml'), 'cisco-spa'],
  ['Cisco SPA DHCP', dhcpRequest({ mac: '00:26:99:aa:bb:cc', vendorClass: 'Cisco SPA508G' }), 'cisco-spa'],
  ['Cisco SPA TFTP', tftpRequest('/spa508G.cfg'), 'cisco-spa'],
  ['Snom UA', ua('Mozilla/4.0 (compatible; snomD785-SIP 10.1.226.16)', '/snomD785-000413AABBCC.htm'), 'snom'],
  ['Snom DHCP', dhcpRequest({ mac: '00:04:13:aa:bb:cc', vendorClass: 'snomD785' }), 'snom'],
  ['Grandstream UA', ua('Grandstream Model HW GXP2170 SW 1.0.11.85 DevId 000b82aabbcc', '/cfg000b82aabbcc.xml'), 'grandstream'],
  ['Fanvil UA', ua('Fanvil X4 2.10.2.6887 0c383e07e16c', '/0c383e07e16c.cfg'), 'fanvil'],
  ['Aastra UA', ua('Aastra6731i MAC:00-08-5D-1A-2B-3C V:3.3.1.4305-SIP', '/00085D1A2B3C.cfg'), 'aastra'],
  ['Gigaset UA', ua('Gigaset N870 IP PRO/83.V2.65.0;7C2F80E0D605'), 'gigaset'],
  ['Gigaset DHCP', dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'Gigaset_N720_DM_PRO' }), 'gigaset'],
  ['Gigaset N510 UA without "Gigaset"', ua('N510 IP PRO/42.262.00.000.000;7C2F804DF9A9', '/7C2F804DF9A9.xml'), 'gigaset'],
  ['Gigaset N510 DHCP without "Gigaset_"', dhcpRequest({ mac: '7c:2f:80:4d:f9:a9', vendorClass: 'N510_IP_PRO' }), 'gigaset'],
  ['Cisco enterprise TFTP', tftpRequest('SEP001E4AAABBCC.cnf.xml'), 'cisco-enterprise'],
  ['Cisco enterprise DHCP', dhcpRequest({ mac: '00:1e:4a:aa:bb:cc', vendorClass: 'Cisco Systems, Inc. IP Phone CP-7960G\x00' }), 'cisco-enterprise'],
  ['Digium DHCP', dhcpRequest({ mac: '00:0f:d3:05:48:48', vendorClass: 'digium_D70_1_4_0_0_57389' }), 'digium'],
  ['Digium path', httpRequest('/Digium/000fd3054848.cfg'), 'digium'],
  ['Patton SmartNode UA', ua('SmartNode (Model:SN4112/JS/EUI; Serial:00A0BA08933C; Software Version:R6.11 2019-07-02 H323 SIP FXS FXO; Hardware Version:4.4)', '/00a0ba08933c.cfg'), 'patton'],
  ['Patton provisioning path', httpRequest('/00a0ba08933c.cfg'), 'patton'],
  ['Technicolor UA', ua('THOMSON ST2030 hw5 fw2.74 00-14-7F-E1-47-B3', '/ST2030S_00147FE147B3.txt'), 'technicolor'],
  ['Technicolor boot file over TFTP', tftpRequest('TB30S.inf'), 'technicolor'],
  ['Zenitel TFTP', tftpRequest('ipst_config_00_13_cb_01_02_03.cfg'), 'zenitel'],
  ['Jitsi UA and UUID path', ua('Jitsi/2.10.5550', '/jitsi/7f523550-03cf-4dac-a858-cb8afdb34775'), 'jitsi'],
  ['AudioCodes UA', ua('AUDC-IPPhone/3.4.6.604 (445HD-Rev1; 00908F4B8A94)', '/00908f4b8a94.cfg'), 'audiocodes'],
  ['AudioCodes DHCP', dhcpRequest({ mac: '00:90:8f:4b:8a:94', vendorClass: 'AUDC-IPPhone-420HD_UC_2.2.16.372' }), 'audiocodes'],
  ['Flyingvoice UA', ua('Flyingvoice FIP14G V0.9.44 0021F2AABBCC'), 'flyingvoice'],
  ['Flyingvoice DHCP', dhcpRequest({ mac: '00:21:f2:aa:bb:cc', vendorClass: 'Flyingvoice FIP14G' }), 'flyingvoice'],
  ['Spectralink IP-DECT UA', ua('Spectralink IP-DECT Server 400/PCS17Ca (0013D1AABBCC)'), 'spectralink'],
  ['Spectralink Versity DHCP', dhcpRequest({ mac: '00:13:d1:aa:bb:cc', vendorClass: 'Spectralink_Versity_9640' }), 'spectralink'],
  ['Polycom SoundPoint UA (also what Spectralink 84-series send)', ua('FileTransport PolycomSoundPointIP-SPIP_550-UA/4.0.4.2906 (SN:0004f2aabbcc) Type/Application'), 'polycom'],
  ['Htek UA', ua('Htek UC926 2.0.4.6.41 00:1f:c1:1c:22:a9', '/cfg001fc11c22a9.xml'), 'htek'],
  ['Htek model file', httpRequest('/cfg0010.xml'), 'htek'],
  ['Panasonic UA', ua('Panasonic_KX-UT113/01.133 (0080f0c8c381)', '/Panasonic/Config0080F0C8C381.cfg'), 'panasonic'],
  ['Panasonic model file', httpRequest('/KX-HDV230.cfg'), 'panasonic'],
  ['Avaya UA', ua('Mozilla/4.0 (compatible; MSIE 6.0) AVAYA/J179-4.1.3.0.6 (MAC:c81fea83e85a)', '/c81fea83e85a.cfg'), 'avaya'],
  ['Avaya DHCP', dhcpRequest({ mac: 'c8:1f:ea:83:e8:5a', vendorClass: 'ccp.avaya.com' }), 'avaya'],
  ['Avaya TFTP upgrade script', tftpRequest('J100Supgrade.txt'), 'avaya'],
  ['Avaya 1230 UA with a raw 0x17', ua('AVAYA/SIP12x0\x17/04.01.13.00', '/1230SIP.cfg'), 'avaya'],
  ['ALE UA', ua('ALE M3-CE 2.11.01.1604 3c28a620089e', '/config.3c28a620089e.xml'), 'alcatel'],
  ['ALE DHCP', dhcpRequest({ mac: '3c:28:a6:20:08:9e', vendorClass: 'aledevice' }), 'alcatel'],
  ['ALE model file', httpRequest('/config.M5.xml'), 'alcatel'],
  ['Alcatel IP Touch UA', ua('Alcatel IP Touch 4028/2.01.20', '/sipconfig-00809f123456.txt'), 'alcatel'],
  ['Alcatel NOE TFTP', tftpRequest('lanpbx.cfg'), 'alcatel'],
];

const NOBODY: Array<[string, ProvRequest]> = [
  ['generic Wget, bare /<mac>.cfg', ua('Wget/1.21.2', '/001122334455.cfg')],
  ['curl, bare /<mac>.xml', ua('curl/8.5.0', '/001122334455.xml')],
  ['a browser', ua('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', '/')],
  ['?mac= query only', httpRequest('/provision', { query: 'mac=001122334455' })],
  ['an Htek-style cfg<mac>.xml of a non-Grandstream MAC', httpRequest('/cfg001fc1aabbcc.xml')],
  ['TFTP bare <mac>.cfg', tftpRequest('001122334455.cfg')],
  ['TR-069 DHCP class', dhcpRequest({ mac: '00:11:22:33:44:55', vendorClass: 'dslforum.org' })],
  ['Windows DHCP class', dhcpRequest({ mac: '00:11:22:33:44:55', vendorClass: 'MSFT 5.0' })],
  ['udhcp DHCP class', dhcpRequest({ mac: '00:11:22:33:44:55', vendorClass: 'udhcp 1.36.1' })],
  ['raw control bytes only', ua('\x14\x16\x17\xff', '/x')],
  ['bare /<mac>.txt', httpRequest('/001122334455.txt')],
  ['TFTP bare <mac>.img', tftpRequest('001122334455.img')],
  ['config.<mac>.xml of a non-ALE MAC', httpRequest('/config.001122334455.xml')],
  ['bare /<mac>.cfg of an Avaya MAC', httpRequest('/c81fea83e85a.cfg')],
  ['Config<MAC>.cfg outside the Panasonic folder', httpRequest('/Config0080F0C8C381.cfg')],
];

test('each phone request is claimed by its own family only', async () => {
  assert.ok(hosts.size >= 8, `all families loaded (${[...hosts.keys()].join(', ')})`);
  for (const [what, req, owner] of OWNED) assert.deepEqual(await claimants(req), [owner], what);
});

test('a request that says nothing of a vendor is claimed by no family', async () => {
  for (const [what, req] of NOBODY) assert.deepEqual(await claimants(req), [], what);
});
