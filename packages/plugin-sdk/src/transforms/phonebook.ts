import type { RawConfig } from '../device.js';

export interface PhonebookUrlOptions {
  /** Directory entry point, default `input`. */
  readonly entryPoint?: string;
  /** Query-string parts before and after `xivo_user_uuid=…` (without '&'). */
  readonly qsPrefix?: string;
  readonly qsSuffix?: string;
}

function phonebookBase(raw: RawConfig): string | null {
  const ip = raw.X_xivo_phonebook_ip;
  if (typeof ip !== 'string' || ip === '') return null;
  const scheme = raw.X_xivo_phonebook_scheme ?? 'http';
  const port = raw.X_xivo_phonebook_port ?? 9498;
  return `${scheme}://${ip}:${port}`;
}

/**
 * The reference XX_xivo_phonebook_url (provd.md §4):
 * `{scheme}://{ip}:{port}/0.1/directories/{entry}/default/{vendor}?[prefix&]xivo_user_uuid={uuid}[&suffix]`.
 * Null without `X_xivo_phonebook_ip` or `X_xivo_user_uuid`.
 */
export function phonebookUrl(raw: RawConfig, vendor: string, options: PhonebookUrlOptions = {}): string | null {
  const base = phonebookBase(raw);
  const user = raw.X_xivo_user_uuid;
  if (base === null || typeof user !== 'string' || user === '') return null;
  const query = [options.qsPrefix, `xivo_user_uuid=${user}`, options.qsSuffix].filter((p) => p).join('&');
  return `${base}/0.1/directories/${options.entryPoint ?? 'input'}/default/${vendor}?${query}`;
}

/**
 * The reference wazo-phoned user-service URL for `service` (dnd…):
 * `{scheme}://{ip}:{port}/0.1/{vendor}/users/{uuid}/services/{service}/{enable|disable}`.
 */
export function phonedUserServiceUrl(raw: RawConfig, vendor: string, service: string, action: 'enable' | 'disable'): string | null {
  const base = phonebookBase(raw);
  const user = raw.X_xivo_user_uuid;
  if (base === null || typeof user !== 'string' || user === '') return null;
  return `${base}/0.1/${vendor}/users/${user}/services/${service}/${action}`;
}
