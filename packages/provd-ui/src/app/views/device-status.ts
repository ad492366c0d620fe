import type { Device } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** configured / not configured / the configure error, in words and not only in colour. */
export function deviceStatus(device: Device): HTMLElement {
  if (device.configure_error) return h('span', { class: 'badge bad' }, t('status.error', { message: String(device.configure_error) }));
  return device.configured ? h('span', { class: 'badge ok' }, t('status.configured')) : h('span', { class: 'badge' }, t('status.notConfigured'));
}
