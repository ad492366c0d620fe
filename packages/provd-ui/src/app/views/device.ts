/** One device: edit, reconfigure, synchronize, delete, and what it is configured with. */
import { api, type Device } from '../api.js';
import { h, replace, toast } from '../dom.js';
import { describe, fieldError, showFieldError } from '../errors.js';
import { t } from '../i18n.js';
import { follow } from '../operation.js';
import { deviceStatus } from './device-status.js';

const EDITABLE = ['mac', 'ip', 'plugin', 'config', 'description'] as const;

export async function renderDevice(main: HTMLElement, id: string, goBack: () => void): Promise<void> {
  const [device, files] = await Promise.all([api.device(id), api.deviceFiles(id).catch(() => [])]);
  const inputs = new Map<string, HTMLInputElement>();
  const fields = EDITABLE.map((name) => {
    const input = h('input', { id: `device-${name}`, name, value: String(device[name] ?? ''), autocomplete: 'off' });
    inputs.set(name, input);
    return h('div', { class: 'field' }, h('label', { for: `device-${name}` }, t(`col.${name}`)), input);
  });
  const jsonArea = h('textarea', { id: 'device-json', rows: 12, spellcheck: 'false' }, JSON.stringify(device, null, 2));
  const jsonError = fieldError('device-json-error');
  const save = async (next: Device) => {
    try {
      await api.updateDevice(next);
      toast(t('device.saved'));
      await renderDevice(main, id, goBack);
    } catch (err) {
      showFieldError(jsonError, describe(err));
    }
  };
  const form = h('form', { class: 'form', onsubmit: (e: Event) => {
    e.preventDefault();
    const next: Device = { ...device };
    for (const [name, input] of inputs) {
      if (input.value === '') delete next[name];
      else next[name] = input.value;
    }
    delete next.configured;
    void save(next);
  } }, fields, h('button', { type: 'submit', id: 'device-save' }, t('device.save')));
  const jsonForm = h('form', { class: 'form', onsubmit: (e: Event) => {
    e.preventDefault();
    try {
      const parsed = JSON.parse(jsonArea.value) as Device;
      showFieldError(jsonError, null);
      void save({ ...parsed, id });
    } catch (err) {
      showFieldError(jsonError, t('device.badJson', { message: (err as Error).message }));
    }
  } }, h('label', { for: 'device-json' }, t('device.raw')), jsonArea, jsonError, h('button', { type: 'submit' }, t('device.save')));
  const actions = h('div', { class: 'actions' },
    h('button', { type: 'button', id: 'device-reconfigure', onclick: async () => {
      try { await api.reconfigure(id); toast(t('device.reconfigured')); await renderDevice(main, id, goBack); } catch (err) { toast(describe(err)); }
    } }, t('device.reconfigure')),
    h('button', { type: 'button', id: 'device-synchronize', onclick: async () => {
      try { const done = await follow(await api.synchronize(id), (s) => toast(t('device.synchronized', { state: s.state }))); toast(t('device.synchronized', { state: done.state === 'fail' ? `${done.state} ${done.detail}` : done.state })); } catch (err) { toast(describe(err)); }
    } }, t('device.synchronize')),
    h('button', { type: 'button', class: 'danger', id: 'device-delete', onclick: async () => {
      if (!confirm(t('device.confirmDelete', { id }))) return;
      try { await api.deleteDevice(id); toast(t('device.deleted')); goBack(); } catch (err) { toast(describe(err)); }
    } }, t('device.delete')));
  replace(main,
    h('p', {}, h('a', { href: '#/devices' }, t('device.back'))),
    h('h1', {}, t('device.title', { id })),
    h('p', {}, [device.vendor, device.model, device.version].filter(Boolean).join(' '), ' ', deviceStatus(device)),
    actions, form, jsonForm,
    h('section', { id: 'device-files' }, h('h2', {}, t('device.files')),
      files.length
        ? files.map((file) => h('details', { class: 'file', open: files.length === 1 },
            h('summary', {}, file.name, ' ', h('span', { class: 'hint' }, t('device.fileSize', { size: file.size }))),
            file.preview === null
              ? h('p', { class: 'hint' }, t('device.binary'))
              : h('pre', { class: 'code file-preview', 'data-file': file.name }, file.preview + (file.truncated ? '\n…' : ''))))
        : h('p', { class: 'empty' }, t('device.noFiles'))));
}
