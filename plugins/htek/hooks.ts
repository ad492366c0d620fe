/**
 * What is Htek-specific beyond family.yml: accounts and line/DSS keys as Htek P-values
 * (`<P35 para="Account1_SipUserId">…`), the DTMF and transport codes, the time-zone code and the
 * language names the phone's menu uses.
 */
import type { Capability, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

/** One P-value: number, `para` name (Htek's label for the setting), value. */
export interface PValue {
  readonly p: number;
  readonly para: string;
  readonly value: string;
}

type AccountField = 'active' | 'label' | 'user' | 'auth' | 'password' | 'display' | 'voicemail' | 'pickup';
const ACCOUNT_PARA: Readonly<Record<AccountField, string>> = {
  active: 'Active', label: 'Label', user: 'SipUserId', auth: 'AuthenticateID', password: 'AuthenticatePassword', display: 'DisplayName', voicemail: 'VoiceMailId', pickup: 'DirectCallPickupCode',
};
/** The P-numbers of accounts 1 to 6 (they follow no arithmetic rule). */
const ACCOUNT_P: ReadonlyArray<Readonly<Record<AccountField, number>>> = [
  { active: 271, label: 20000, user: 35, auth: 36, password: 34, display: 3, voicemail: 33, pickup: 4705 },
  { active: 401, label: 20001, user: 735, auth: 736, password: 734, display: 703, voicemail: 426, pickup: 4715 },
  { active: 501, label: 20002, user: 504, auth: 505, password: 506, display: 507, voicemail: 526, pickup: 4725 },
  { active: 601, label: 20003, user: 604, auth: 605, password: 606, display: 607, voicemail: 626, pickup: 4735 },
  { active: 20360, label: 20378, user: 1704, auth: 1705, password: 1706, display: 1707, voicemail: 1726, pickup: 20464 },
  { active: 20361, label: 20379, user: 1804, auth: 1805, password: 1806, display: 1807, voicemail: 1826, pickup: 20465 },
];
export const MAX_ACCOUNTS = ACCOUNT_P.length;

const TRANSPORT: Readonly<Record<string, string>> = { udp: '0', tcp: '1', tls: '2' };
const DTMF: Readonly<Record<string, string>> = { 'RTP-out-of-band': '0', 'RTP-in-band': '1', 'SIP-INFO': '2' };
/** Line key types: 1 line, 2 speed dial, 3 BLF, 8 call park. */
const KEY_TYPE: Readonly<Record<string, number>> = { speeddial: 2, blf: 3, park: 8 };
const LINE_KEY_TYPE = 1;
/** Time-zone codes of the phone's menu, by standard offset (hours, minutes). */
const TZ_CODE: Readonly<Record<string, number>> = {
  '-11:0': 105, '-10:0': 2, '-9:0': 3, '-8:0': 6, '-7:0': 10, '-6:0': 14, '-5:0': 18, '-4:-30': 19, '-4:0': 20, '-3:-30': 26, '-3:0': 30, '-2:0': 31, '-1:0': 32,
  '0:0': 33, '1:0': 49, '2:0': 57, '3:0': 73, '3:30': 74, '4:0': 77, '5:0': 83, '5:30': 84, '6:0': 85, '7:0': 88, '8:0': 89, '9:0': 93, '9:30': 94, '10:0': 96, '10:30': 100,
  '11:0': 101, '12:0': 102, '12:45': 103, '13:0': 104,
};
/** Menu languages (the phone takes English names). */
const LANGUAGE: Readonly<Record<string, string>> = { de: 'German', en: 'English', es: 'Spanish', fr: 'French', it: 'Italian', nl: 'Dutch', pt: 'Portuguese', ru: 'Russian', tr: 'Turkish', pl: 'Polish' };

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The accounts of the lines the model has (at most 6), numeric order; a line's number is its account. */
export function htekAccounts(raw: RawConfig, caps: Capability): PValue[] {
  const max = Math.min(cap(caps, 'lines') ?? MAX_ACCOUNTS, MAX_ACCOUNTS);
  const pickup = text(raw.exten_pickup_call);
  const out: PValue[] = [];
  for (const line of (raw.XX_sip_lines ?? []) as NumberedSipLine[]) {
    if (line.no > max) continue;
    const p = ACCOUNT_P[line.no - 1];
    const values: Record<AccountField, string> = {
      active: '1', label: text(line.number) || text(line.username), user: text(line.username), auth: text(line.auth_username) || text(line.username),
      password: text(line.password), display: text(line.display_name), voicemail: text(line.voicemail), pickup,
    };
    for (const field of Object.keys(ACCOUNT_P[0]) as AccountField[]) {
      if (field === 'pickup' && pickup === '') continue;
      out.push({ p: p[field], para: `Account${line.no}_${ACCOUNT_PARA[field]}`, value: values[field] });
    }
  }
  return out;
}

/**
 * The P-number of a line/DSS key's field (0 type, 1 value, 2 label, 3 account, 4 extension):
 * keys 1–4 sit at 41200 (+100 per field), keys 5–36 at 20200 and keys 37+ at 23000 (5 per key).
 */
export function keyP(key: number, field: number): number {
  if (key < 5) return 41200 + (key - 1) + 100 * field;
  if (key < 37) return 20200 + field + 5 * (key - 5);
  return 23000 + field + 5 * (key - 37);
}

/**
 * Line/DSS keys: key n carries line n when the device has that line (as the phone's default),
 * else the function key configured at n (speed dial, BLF, park); numeric order, within the model's keys.
 */
export function htekKeys(raw: RawConfig, caps: Capability): PValue[] {
  const own = cap(caps, 'function_keys') ?? 0;
  const accounts = Math.min(cap(caps, 'lines') ?? MAX_ACCOUNTS, MAX_ACCOUNTS);
  const lines = new Map(((raw.XX_sip_lines ?? []) as NumberedSipLine[]).filter((l) => l.no <= accounts).map((l) => [l.no, l]));
  const keys = new Map(((raw.XX_funckeys ?? []) as NumberedFuncKey[]).map((k) => [k.no, k]));
  const out: PValue[] = [];
  const push = (no: number, type: number, value: string, label: string, account: number) => {
    const f = (field: number, name: string, v: string) => out.push({ p: keyP(no, field), para: `LineKey${no}_${name}`, value: v });
    f(0, 'Type', String(type));
    f(1, 'Value', value);
    f(2, 'Label', label);
    f(3, 'Account', String(account));
    f(4, 'Extension', value);
  };
  for (let no = 1; no <= own; no++) {
    const line = lines.get(no);
    if (line) {
      push(no, LINE_KEY_TYPE, '', text(line.number) || text(line.username), no - 1);
      continue;
    }
    const key = keys.get(no);
    if (!key || typeof key.value !== 'string' || key.value === '' || !Object.hasOwn(KEY_TYPE, key.type)) continue;
    push(no, KEY_TYPE[key.type], key.value, text(key.label) || key.value, Math.max(key.line, 1) - 1);
  }
  return out;
}

/** The menu's time-zone code for the zone's standard offset; undefined for an offset it lacks. */
export function htekTimezoneCode(tz: TimezoneInfo): number | undefined {
  const [h, m] = tz.utcoffset.as_hms;
  return TZ_CODE[`${h}:${m}`];
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_accounts = htekAccounts(raw, caps);
    raw.XX_keys = htekKeys(raw, caps);
    raw.XX_transport = TRANSPORT[String(raw.sip_transport)] ?? '0';
    raw.XX_dtmf = DTMF[String(raw.sip_dtmf_mode)] ?? '0';
    const tz = raw.XX_timezone as TimezoneInfo | undefined;
    const code = tz ? htekTimezoneCode(tz) : undefined;
    if (code !== undefined) raw.XX_timezone_code = code;
    if (tz?.dst) raw.XX_dst = true;
    if (typeof raw.XX_language === 'string' && Object.hasOwn(LANGUAGE, raw.XX_language)) raw.XX_language_name = LANGUAGE[raw.XX_language];
  },
});
