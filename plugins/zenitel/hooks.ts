/**
 * What is Zenitel-specific beyond family.yml: the station has one SIP account (line 1) and three
 * call buttons (speed dials 1–3), and is resynchronized by rebooting it through its web
 * interface (it does not act on SIP NOTIFY check-sync).
 */
import type { DeviceInfo, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig } from '@dialtone/plugin-sdk';

/** The stations' factory web credentials, used when the config sets no admin password. */
export const DEFAULT_WEB_USER = 'admin';
export const DEFAULT_WEB_PASSWORD = 'alphaadmin';
const BUTTONS = 3;

export function zenitelSpeedDials(raw: RawConfig): NumberedFuncKey[] {
  return ((raw.XX_funckeys ?? []) as NumberedFuncKey[]).filter((k) => k.no <= BUTTONS && k.type === 'speeddial' && typeof k.value === 'string' && k.value !== '');
}

/** POSTs the station's reboot command (HTTP basic authentication); rejects on a non-2xx answer. */
export async function rebootStation(ip: string, user: string, password: string, timeoutMs = 15_000): Promise<void> {
  const res = await fetch(`http://${ip}/goform/zForm_send_cmd`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'message=Reboot',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`Zenitel station ${ip}: reboot refused (HTTP ${res.status})`);
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    raw.XX_line = ((raw.XX_sip_lines ?? []) as NumberedSipLine[]).find((l) => l.no === 1) ?? null;
    raw.XX_speeddials = zenitelSpeedDials(raw);
  },
  async synchronize(device: DeviceInfo, raw: RawConfig) {
    if (typeof device.ip !== 'string' || device.ip === '') throw new Error('Zenitel station: IP address needed to synchronize');
    const password = typeof raw.admin_password === 'string' && raw.admin_password !== '' ? raw.admin_password : DEFAULT_WEB_PASSWORD;
    await rebootStation(device.ip, typeof raw.admin_username === 'string' && raw.admin_username !== '' ? raw.admin_username : DEFAULT_WEB_USER, password);
  },
});
