/** Plugins: installed and installable with versions, install/upgrade/uninstall/update with progress, and packages. */
import { api, type PluginInfo } from '../api.js';
import { h, replace, toast } from '../dom.js';
import { describe } from '../errors.js';
import { localized, t } from '../i18n.js';
import { follow, type OperationState } from '../operation.js';
import { progressBox } from './progress.js';

/** `finished`: the last operation, still shown once the lists are read again after it. */
export async function renderPlugins(main: HTMLElement, finished?: OperationState): Promise<void> {
  const [installed, installable] = await Promise.all([api.installed(), api.installable()]);
  const progress = h('div', { id: 'plugins-progress' });
  if (finished) {
    const box = progressBox();
    box.update(finished);
    progress.replaceChildren(box.el);
  }
  const rerender = (last?: OperationState) => renderPlugins(main, last).catch((err) => toast(describe(err)));
  const run = async (start: () => Promise<string>) => {
    const box = progressBox();
    progress.replaceChildren(box.el);
    try {
      const done = await follow(await start(), box.update);
      if (done.state === 'success') await rerender(done);
    } catch (err) {
      toast(describe(err));
    }
  };
  const models = (info: PluginInfo) => Object.keys(info.capabilities ?? {}).map((k) => k.split(',').slice(0, 2).join(' ').trim());
  const installedRows = Object.entries(installed).sort(([a], [b]) => a.localeCompare(b)).map(([id, info]) => {
    const newer = installable[id]?.version && installable[id]?.version !== info.version ? installable[id]?.version : null;
    return h('tr', { 'data-plugin': id },
      h('th', { scope: 'row' }, id), h('td', {}, String(info.version ?? '')), h('td', {}, localized(info, 'description')),
      h('td', {}, h('details', {}, h('summary', {}, t('plugins.models'), ` (${models(info).length})`), h('ul', {}, models(info).map((m) => h('li', {}, m))))),
      h('td', { class: 'actions' },
        newer ? h('button', { type: 'button', onclick: () => run(() => api.upgradePlugin(id)) }, t('plugins.upgrade', { version: newer })) : null,
        h('button', { type: 'button', onclick: () => void showPackages(id) }, t('plugins.packages')),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('plugins.confirmUninstall', { id }))) return;
          try { await api.uninstallPlugin(id); toast(t('plugins.uninstalled', { id })); await rerender(); } catch (err) { toast(describe(err)); }
        } }, t('plugins.uninstall'))));
  });
  const installableRows = Object.entries(installable).filter(([id]) => !installed[id]).sort(([a], [b]) => a.localeCompare(b)).map(([id, info]) =>
    h('tr', { 'data-plugin': id }, h('th', { scope: 'row' }, id), h('td', {}, String(info.version ?? '')), h('td', {}, localized(info, 'description')),
      h('td', { class: 'actions' }, h('button', { type: 'button', onclick: () => run(() => api.installPlugin(id)) }, t('plugins.install')))));
  const packages = h('section', { id: 'plugin-packages' });
  const showPackages = async (plugin: string) => {
    try {
      const [done, available] = await Promise.all([api.packagesInstalled(plugin), api.packagesInstallable(plugin)]);
      const box = progressBox();
      packages.replaceChildren(h('h2', {}, `${t('plugins.packages')}: ${plugin}`), box.el, h('ul', {}, Object.entries(available).map(([pkg, info]) =>
        h('li', {}, h('strong', {}, pkg), ` ${String(info.version ?? '')} — ${localized(info, 'description')} `,
          done[pkg] ? h('span', { class: 'badge ok' }, t('plugins.installed')) : h('button', { type: 'button', onclick: async () => {
            try { await follow(await api.installPackage(plugin, pkg), box.update); await showPackages(plugin); } catch (err) { toast(describe(err)); }
          } }, t('plugins.install'))))));
    } catch (err) {
      toast(describe(err));
    }
  };
  const table = (caption: string, id: string, rows: HTMLElement[]) => rows.length
    ? h('div', { class: 'table-wrap' }, h('table', { id }, h('caption', {}, caption), h('tbody', {}, rows)))
    : h('p', {}, caption, ': ', t('plugins.none'));
  replace(main, h('h1', {}, t('plugins.title')),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'plugins-update', onclick: () => run(() => api.updatePlugins()) }, t('plugins.update'))),
    progress, table(t('plugins.installed'), 'plugins-installed', installedRows), table(t('plugins.installable'), 'plugins-installable', installableRows), packages);
}
