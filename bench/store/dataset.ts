/**
 * A realistic provd data set, generated deterministically: 100 configs (base, defaults,
 * autoprov, tenant groups, per-user line configs) and any number of devices spread over
 * 10 tenants and 5 plugins, each with a unique MAC and a line config.
 */

export const TENANTS = Array.from({ length: 10 }, (_, i) => `8f3c2a1e-0000-4000-8000-${String(i).padStart(12, '0')}`);

const FAMILIES = [
  { plugin: 'wazo-aastra-4.3.0', vendor: 'Aastra', models: ['6731i', '6737i', '6867i'], version: '4.3.0.2036' },
  { plugin: 'wazo-cisco-sccp-legacy', vendor: 'Cisco', models: ['7940G', '7960G'], version: '8.1.2' },
  { plugin: 'wazo-polycom-5.4.3', vendor: 'Polycom', models: ['VVX300', 'VVX400', 'VVX500'], version: '5.4.3.1014' },
  { plugin: 'wazo-snom-10.1.54.13', vendor: 'Snom', models: ['D715', 'D725', 'D785'], version: '10.1.54.13' },
  { plugin: 'wazo-yealink-v86', vendor: 'Yealink', models: ['T46S', 'T48S', 'T54W'], version: '86.85.0.5' },
];
export const PLUGINS = FAMILIES.map((f) => f.plugin);

const GROUPS = 7;
export const LINE_CONFIGS = 90;

export function lineConfigId(n: number): string {
  return `line-${String(n).padStart(3, '0')}`;
}

export function configs(): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [
    {
      id: 'base',
      parent_ids: [],
      deletable: false,
      X_type: 'internal',
      raw_config: {
        X_xivo_phonebook_ip: '10.0.0.10',
        ntp_enabled: true,
        ntp_ip: '10.0.0.10',
        timezone: 'Europe/Paris',
        locale: 'fr_FR',
        protocol: 'SIP',
        sip_dtmf_mode: 'RTP-out-of-band',
        sip_srtp_mode: 'disabled',
        sip_transport: 'udp',
        sip_proxy_ip: '10.0.0.10',
        sip_registrar_ip: '10.0.0.10',
        sip_lines: {},
        funckeys: {},
        exten_voicemail: '*98',
        exten_pickup_call: '*8',
        exten_dnd: '*25',
      },
    },
    { id: 'defaultconfigdevice', parent_ids: [], deletable: false, X_type: 'device', raw_config: { admin_username: 'admin', admin_password: 'secret', syslog_enabled: false } },
    {
      id: 'autoprov',
      role: 'autocreate',
      parent_ids: ['base', 'defaultconfigdevice'],
      deletable: false,
      raw_config: { sip_lines: { '1': { username: 'ap7h3k9q2z', password: 'ap-password', display_name: 'Autoprov', number: 'autoprov' } } },
    },
  ];
  for (let g = 0; g < GROUPS; g++) {
    list.push({
      id: `group-${g}`,
      parent_ids: ['base'],
      X_type: 'registrar',
      raw_config: { sip_proxy_ip: `10.0.${g}.10`, sip_registrar_ip: `10.0.${g}.10`, vlan_enabled: true, vlan_id: 100 + g, X_xivo_phonebook_ip: `10.0.${g}.11` },
    });
  }
  for (let n = 0; n < LINE_CONFIGS; n++) {
    list.push({
      id: lineConfigId(n),
      parent_ids: [`group-${n % GROUPS}`, 'defaultconfigdevice'],
      X_type: 'device',
      raw_config: {
        X_xivo_user_uuid: `5e0f${String(n).padStart(28, '0')}`,
        sip_lines: {
          '1': { username: `user${n}`, auth_username: `user${n}`, password: `pw-${n}-x7`, display_name: `User ${n}`, number: String(1000 + n) },
        },
        funckeys: { '1': { type: 'blf', value: String(1001 + n), label: 'Next', line: 1 }, '2': { type: 'speeddial', value: '*10', label: 'Voicemail' } },
      },
    });
  }
  return list;
}

export function mac(i: number): string {
  const hex = (i + 0x100000).toString(16).padStart(6, '0').slice(-6);
  return `00:15:65:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

export function device(i: number): Record<string, unknown> {
  const family = FAMILIES[i % FAMILIES.length];
  return {
    mac: mac(i),
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    sn: `SN${String(i).padStart(9, '0')}`,
    vendor: family.vendor,
    model: family.models[i % family.models.length],
    version: family.version,
    plugin: family.plugin,
    tenant_uuid: TENANTS[Math.floor(i / FAMILIES.length) % TENANTS.length],
    config: lineConfigId(i % LINE_CONFIGS),
    configured: true,
    is_new: false,
    description: `Desk phone ${i}`,
    options: { switchboard: i % 50 === 0 },
    remote_state_sip_username: `user${i % LINE_CONFIGS}`,
  };
}

/** A small seeded PRNG, so every run samples the same keys. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
