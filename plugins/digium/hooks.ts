/**
 * What is Digium-specific beyond family.yml: the main proxy address and the phone's contact list
 * built from the function keys (speed dials, BLF and park keys), which the phone shows as
 * contacts and "smart BLF" keys.
 */
import type { FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig } from '@dialtone/plugin-sdk';

export interface DigiumContact {
  readonly id: string;
  readonly no: number;
  readonly type: string;
  readonly label: string;
  readonly number: string;
  /** The SIP account (username) the key belongs to. */
  readonly account_id: string | undefined;
  /** BLF and park keys watch the extension's state. */
  readonly subscribe: boolean;
}

/** The proxy of the lowest-numbered line, else the provisioning server's address (as the reference). */
export function mainProxyIp(raw: RawConfig): string | undefined {
  const lines = (raw.XX_sip_lines ?? []) as NumberedSipLine[];
  return lines.length > 0 ? (lines[0].proxy_ip ?? raw.ip) : raw.ip;
}

export function contactsFromFuncKeys(raw: RawConfig): DigiumContact[] {
  const lines = (raw.XX_sip_lines ?? []) as NumberedSipLine[];
  const accounts = new Map(lines.map((l) => [l.no, l.username]));
  const fallback = lines[0]?.username;
  return ((raw.XX_funckeys ?? []) as NumberedFuncKey[])
    .filter((key) => typeof key.value === 'string' && key.value !== '')
    .map((key) => ({
      id: `funckey-${key.no}`,
      no: key.no,
      type: key.type,
      label: typeof key.label === 'string' && key.label !== '' ? key.label : key.value!,
      number: key.value!,
      account_id: accounts.get(key.line) ?? fallback,
      subscribe: key.type === 'blf' || key.type === 'park',
    }));
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    raw.XX_main_proxy_ip = mainProxyIp(raw);
    raw.XX_contacts = contactsFromFuncKeys(raw);
    if (typeof raw.XX_server_url === 'string' && typeof raw.XX_mac === 'string') {
      raw.XX_contacts_url = `${raw.XX_server_url}/Digium/${raw.XX_mac}-contacts.xml`;
    }
  },
});
