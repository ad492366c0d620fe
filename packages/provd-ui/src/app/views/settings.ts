/** Settings: the configure parameters (plugin server with its channels, proxies, locale, NAT, key) and status. */
import { api, type Param } from '../api.js';
import { h, replace, toast } from '../dom.js';
import { describe, fieldError, showFieldError } from '../errors.js';
import { t } from '../i18n.js';
import { parseOperationStatus } from '../operation.js';
import { progressBox } from './progress.js';

const CHANNELS = ['stable', 'testing', 'archive'] as const;
const KNOWN = ['plugin_server', 'http_proxy', 'https_proxy', 'ftp_proxy', 'locale', 'NAT', 'provisioning_key'] as const;

/** `…/plugins/2/stable/` → the same URL on another channel, when the URL names one. */
export function onChannel(url: string, channel: string): string | null {
  const match = /^(.*\/)(stable|testing|archive)(\/?)$/.exec(url);
  return match ? `${match[1]}${channel}${match[3]}` : null;
}

export async function renderSettings(main: HTMLElement): Promise<void> {
  const [params, status, operations] = await Promise.all([api.params(), api.status().catch(() => null), api.operations().catch(() => [])]);
  const row = (param: Param) => {
    const inputId = `param-${param.id}`;
    const value = param.value === null || param.value === undefined ? '' : String(param.value);
    const input = param.id === 'NAT'
      ? h('select', { id: inputId }, ['', '0', '1'].map((v) => h('option', { value: v, selected: v === value }, v || '—')))
      : h('input', { id: inputId, value, autocomplete: 'off', 'aria-describedby': `${inputId}-error` });
    const error = fieldError(`${inputId}-error`);
    const save = async (next: string) => {
      showFieldError(error, null);
      try {
        await api.setParam(param.id, next === '' ? null : next);
        toast(t('settings.saved', { id: param.id }));
        await renderSettings(main);
      } catch (err) {
        showFieldError(error, describe(err));
      }
    };
    const channel = param.id === 'plugin_server' && onChannel(value, 'stable')
      ? h('div', { class: 'field' }, h('label', { for: 'param-channel' }, t('settings.channel')),
          h('select', { id: 'param-channel', onchange: (e: Event) => { const url = onChannel(value, (e.target as HTMLSelectElement).value); if (url) (input as HTMLInputElement).value = url; } },
            CHANNELS.map((c) => h('option', { value: c, selected: onChannel(value, c) === value }, c))))
      : null;
    const label = (KNOWN as readonly string[]).includes(param.id) ? t(`param.${param.id}` as 'param.NAT') : param.id;
    return h('form', { class: 'form param', 'data-param': param.id, onsubmit: (e: Event) => { e.preventDefault(); void save(input.value); } },
      h('div', { class: 'field' }, h('label', { for: inputId }, label), param.description ? h('p', { class: 'hint' }, param.description) : null, input, error),
      channel,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('settings.save')), h('button', { type: 'button', onclick: () => void save('') }, t('settings.clear'))));
  };
  const running = h('section', { id: 'operations' }, h('h2', {}, t('settings.operations')),
    operations.length
      ? h('ul', {}, operations.map((op) => {
          const box = progressBox();
          box.update(parseOperationStatus(op.status));
          return h('li', { 'data-location': op.location }, box.el);
        }))
      : h('p', { class: 'empty' }, t('settings.noOperations')),
    h('button', { type: 'button', id: 'operations-refresh', onclick: () => void renderSettings(main) }, t('settings.refresh')));
  replace(main, h('h1', {}, t('settings.title')), params.map(row), running,
    status ? h('section', {}, h('h2', {}, t('settings.status')), h('pre', { id: 'status', class: 'code' }, JSON.stringify(status, null, 2))) : null);
}
