/** What identifies a device: the facts requests reveal and device documents keep. */
export interface DeviceFacts {
  /** Normalized `aa:bb:cc:dd:ee:ff`. */
  mac?: string;
  ip?: string;
  sn?: string;
  uuid?: string;
  vendor?: string;
  model?: string;
  version?: string;
}

/** Device facts an extractor learned from one request. Unknown keys are kept. */
export interface DeviceInfo extends DeviceFacts {
  [key: string]: unknown;
}

/** A provd device document (reference provd.md §2). Plugins read it; the host owns it. */
export interface Device extends DeviceFacts {
  readonly id: string;
  description?: string;
  /** Id of the associated plugin. */
  plugin?: string;
  /** Id of the device's config. */
  config?: string;
  configured?: boolean;
  /** Free options for the plugin (e.g. `switchboard`). */
  options?: Record<string, unknown>;
  tenant_uuid?: string;
  added?: string;
  remote_state_sip_username?: string;
  [key: string]: unknown;
}

export interface SipLine {
  proxy_ip?: string;
  proxy_port?: number;
  backup_proxy_ip?: string;
  backup_proxy_port?: number;
  registrar_ip?: string;
  registrar_port?: number;
  backup_registrar_ip?: string;
  backup_registrar_port?: number;
  outbound_proxy_ip?: string;
  outbound_proxy_port?: number;
  username?: string;
  auth_username?: string;
  password?: string;
  display_name?: string;
  number?: string;
  dtmf_mode?: string;
  srtp_mode?: string;
  voicemail?: string;
  [key: string]: unknown;
}

export interface FuncKey {
  type: 'speeddial' | 'blf' | 'park' | string;
  value?: string;
  label?: string;
  line?: number | string;
  [key: string]: unknown;
}

/**
 * The flattened raw config of a device (reference provd.md §2): base raw config, then ancestors,
 * then the config's own keys. Keys are free (`X_*` for extensions, `XX_*` set by plugins while
 * rendering); the common ones are typed.
 */
export interface RawConfig {
  ip?: string;
  http_port?: number | string;
  http_base_url?: string;
  tftp_port?: number | string;
  ntp_enabled?: boolean;
  ntp_ip?: string;
  dns_enabled?: boolean;
  dns_ip?: string;
  vlan_enabled?: boolean;
  vlan_id?: number;
  vlan_priority?: number;
  syslog_enabled?: boolean;
  syslog_ip?: string;
  syslog_port?: number;
  syslog_level?: string;
  admin_username?: string;
  admin_password?: string;
  user_username?: string;
  user_password?: string;
  timezone?: string;
  locale?: string;
  protocol?: 'SIP' | 'SCCP' | string;
  sip_dtmf_mode?: string;
  sip_srtp_mode?: string;
  sip_transport?: string;
  sip_subscribe_mwi?: boolean;
  sip_lines?: Record<string, SipLine>;
  sccp_call_managers?: Record<string, { ip?: string; port?: number }>;
  funckeys?: Record<string, FuncKey>;
  X_xivo_phonebook_ip?: string;
  X_xivo_phonebook_scheme?: string;
  X_xivo_phonebook_port?: number | string;
  X_xivo_user_uuid?: string;
  [key: string]: unknown;
}
