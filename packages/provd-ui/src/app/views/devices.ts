/** The devices list: the server searches, sorts and pages (100,000 devices stay fast). */
import { api, type Device } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { deviceStatus } from './device-status.js';

const PAGE = 50;
const SEARCH_FIELDS = ['mac', 'ip', 'vendor', 'model', 'plugin', 'config', 'id'] as const;
const COLUMNS = ['mac', 'ip', 'vendor', 'model', 'version', 'plugin', 'config'] as const;

export interface DevicesQuery { field: string; text: string; sort: string; order: 'ASC' | 'DESC'; skip: number }

export function parseDevicesQuery(params: URLSearchParams): DevicesQuery {
  const order = params.get('order') === 'DESC' ? 'DESC' : 'ASC';
  return { field: params.get('field') ?? 'mac', text: params.get('search') ?? '', sort: params.get('sort') ?? 'mac', order, skip: Math.max(0, Number(params.get('skip')) || 0) };
}

/** A prefix search as an index-friendly range: `{mac: {$ge: "00:0f", $lt: "00:0g"}}`. */
export function searchSelector(field: string, text: string): Record<string, unknown> {
  let value = text.trim();
  if (!value) return {};
  if (field === 'mac') value = value.toLowerCase().replace(/-/g, ':');
  const next = value.slice(0, -1) + String.fromCharCode(value.charCodeAt(value.length - 1) + 1);
  return { [field]: { $ge: value, $lt: next } };
}

export async function renderDevices(main: HTMLElement, query: DevicesQuery, navigate: (q: DevicesQuery) => void): Promise<void> {
  const devices = await api.devices({ q: searchSelector(query.field, query.text), skip: query.skip, limit: PAGE + 1, sort: query.sort, sort_ord: query.order });
  const hasNext = devices.length > PAGE;
  const shown = devices.slice(0, PAGE);
  const fieldSelect = h('select', { id: 'search-field', name: 'field' }, SEARCH_FIELDS.map((f) => h('option', { value: f, selected: f === query.field }, t(`col.${f}`))));
  const searchInput = h('input', { id: 'search-text', name: 'search', type: 'search', value: query.text, autocomplete: 'off' });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); navigate({ ...query, field: fieldSelect.value, text: searchInput.value, skip: 0 }); } },
    h('label', { for: 'search-field' }, t('devices.field')), fieldSelect,
    h('label', { for: 'search-text' }, t('devices.search')), searchInput,
    h('button', { type: 'submit' }, t('devices.search')));
  const header = (column: string) => {
    const active = query.sort === column;
    const next = active && query.order === 'ASC' ? 'DESC' : 'ASC';
    return h('th', { scope: 'col', 'aria-sort': active ? (query.order === 'ASC' ? 'ascending' : 'descending') : 'none' },
      h('button', { type: 'button', class: 'sort', onclick: () => navigate({ ...query, sort: column, order: next, skip: 0 }) }, t(`col.${column}` as 'col.mac'), active ? (query.order === 'ASC' ? ' ▲' : ' ▼') : ''));
  };
  const row = (device: Device) => h('tr', {},
    COLUMNS.map((c, i) => (i === 0 ? h('td', {}, h('a', { href: `#/devices/${encodeURIComponent(device.id)}` }, String(device[c] ?? device.id))) : h('td', {}, String(device[c] ?? '')))),
    h('td', {}, deviceStatus(device)));
  const table = shown.length
    ? h('div', { class: 'table-wrap' }, h('table', { id: 'devices-table' }, h('caption', {}, t('devices.page', { from: query.skip + 1, to: query.skip + shown.length })),
        h('thead', {}, h('tr', {}, COLUMNS.map(header), h('th', { scope: 'col' }, t('col.status')))),
        h('tbody', {}, shown.map(row))))
    : h('p', { class: 'empty' }, t('devices.empty'));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: query.skip === 0, onclick: () => navigate({ ...query, skip: Math.max(0, query.skip - PAGE) }) }, t('devices.prev')),
    h('button', { type: 'button', disabled: !hasNext, onclick: () => navigate({ ...query, skip: query.skip + PAGE }) }, t('devices.next')));
  replace(main, h('h1', {}, t('devices.title')), form, table, pager);
}
