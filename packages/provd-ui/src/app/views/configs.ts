/** Configs as their inheritance tree (transient per-device configs left out), and one config's editor. */
import { api, type Config } from '../api.js';
import { h, replace, toast } from '../dom.js';
import { describe, fieldError, showFieldError } from '../errors.js';
import { t } from '../i18n.js';
import { maskSecrets } from '../mask.js';

export function configTree(configs: Config[]): Map<string | null, Config[]> {
  const ids = new Set(configs.map((c) => c.id));
  const children = new Map<string | null, Config[]>();
  for (const config of configs) {
    const parents = (config.parent_ids ?? []).filter((p) => ids.has(p));
    for (const parent of parents.length ? parents : [null]) {
      const list = children.get(parent) ?? [];
      list.push(config);
      children.set(parent, list);
    }
  }
  for (const list of children.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return children;
}

export async function renderConfigs(main: HTMLElement): Promise<void> {
  const configs = await api.configs({ q: { transient: { $ne: true } } });
  const children = configTree(configs);
  const branch = (parent: string | null, seen: Set<string>): HTMLElement | null => {
    const list = (children.get(parent) ?? []).filter((c) => !seen.has(c.id));
    if (!list.length) return null;
    return h('ul', { role: parent === null ? 'tree' : 'group' }, list.map((c) => h('li', { role: 'treeitem' },
      h('a', { href: `#/configs/${encodeURIComponent(c.id)}` }, c.id), c.role ? h('span', { class: 'badge' }, c.role) : null,
      branch(c.id, new Set([...seen, c.id])))));
  };
  replace(main, h('h1', {}, t('configs.title')), h('h2', {}, t('configs.tree')), h('nav', { id: 'configs-tree', 'aria-label': t('configs.tree') }, branch(null, new Set())));
}

export async function renderConfig(main: HTMLElement, id: string): Promise<void> {
  const config = await api.config(id);
  const flat = await api.rawConfig(id).catch(() => null);
  const parents = h('input', { id: 'config-parents', value: (config.parent_ids ?? []).join(', '), autocomplete: 'off', 'aria-describedby': 'config-parents-error' });
  const parentsError = fieldError('config-parents-error');
  const raw = h('textarea', { id: 'config-raw', rows: 16, spellcheck: 'false', 'aria-describedby': 'config-raw-error' }, JSON.stringify(config.raw_config ?? {}, null, 2));
  const rawError = fieldError('config-raw-error');
  const form = h('form', { class: 'form', onsubmit: async (e: Event) => {
    e.preventDefault();
    showFieldError(parentsError, null);
    showFieldError(rawError, null);
    let rawConfig: Record<string, unknown>;
    try {
      rawConfig = JSON.parse(raw.value) as Record<string, unknown>;
    } catch (err) {
      showFieldError(rawError, (err as Error).message);
      return;
    }
    const parentIds = parents.value.split(',').map((p) => p.trim()).filter(Boolean);
    try {
      await api.updateConfig({ ...config, parent_ids: parentIds, raw_config: rawConfig });
      toast(t('config.saved'));
      await renderConfig(main, id);
    } catch (err) {
      const message = describe(err);
      showFieldError(/parent/i.test(message) ? parentsError : rawError, message);
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'config-parents' }, t('config.parents')), parents, parentsError),
  h('div', { class: 'field' }, h('label', { for: 'config-raw' }, t('config.raw')), raw, rawError),
  h('button', { type: 'submit', id: 'config-save' }, t('config.save')));
  replace(main,
    h('p', {}, h('a', { href: '#/configs' }, t('config.back'))),
    h('h1', {}, t('config.title', { id })), form,
    flat ? h('section', {}, h('h2', {}, t('config.flat')), h('pre', { id: 'config-flat', class: 'code' }, JSON.stringify(maskSecrets(flat), null, 2))) : null);
}
