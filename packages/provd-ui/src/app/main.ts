/** The page: fragment routes #/devices, #/configs, #/plugins, #/settings (each accepts ?token=…). */
import { h, replace } from './dom.js';
import { guarded } from './errors.js';
import { currentLocale, setLocale, t, type Locale } from './i18n.js';
import { clearToken, getToken, takeTokenFromAddress } from './token.js';
import { renderConfig, renderConfigs } from './views/configs.js';
import { renderDevice } from './views/device.js';
import { parseDevicesQuery, renderDevices, type DevicesQuery } from './views/devices.js';
import { renderLogin } from './views/login.js';
import { renderPlugins } from './views/plugins.js';
import { renderSettings } from './views/settings.js';

const VIEWS = ['devices', 'configs', 'plugins', 'settings'] as const;
const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const logout = document.getElementById('logout') as HTMLButtonElement;
const lang = document.getElementById('lang') as HTMLSelectElement;

function route(): { view: string; id: string | null; params: URLSearchParams } {
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  const [view = 'devices', ...rest] = path.split('/').filter(Boolean);
  return { view: (VIEWS as readonly string[]).includes(view) ? view : 'devices', id: rest.length ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(query) };
}

function devicesHash(q: DevicesQuery): string {
  const params = new URLSearchParams({ field: q.field, search: q.text, sort: q.sort, order: q.order, skip: String(q.skip) });
  return `#/devices?${params}`;
}

function renderChrome(view: string, signedIn: boolean): void {
  replace(nav, h('ul', {}, VIEWS.map((v) => h('li', {}, h('a', { href: `#/${v}`, 'aria-current': v === view ? 'page' : false }, t(`nav.${v}`))))));
  nav.hidden = !signedIn;
  logout.hidden = !signedIn;
  logout.textContent = t('logout');
  lang.value = currentLocale();
}

async function render(): Promise<void> {
  takeTokenFromAddress();
  const { view, id, params } = route();
  const signedIn = getToken() !== null;
  renderChrome(view, signedIn);
  if (!signedIn) {
    renderLogin(main, () => void render());
    return;
  }
  document.title = `${t(`nav.${view}` as 'nav.devices')} — Dialtone`;
  replace(main, h('p', { 'aria-busy': 'true' }, t('loading')));
  await guarded(async () => {
    if (view === 'devices' && id) await renderDevice(main, id, () => { location.hash = '#/devices'; });
    else if (view === 'devices') await renderDevices(main, parseDevicesQuery(params), (q) => { location.hash = devicesHash(q); });
    else if (view === 'configs' && id) await renderConfig(main, id);
    else if (view === 'configs') await renderConfigs(main);
    else if (view === 'plugins') await renderPlugins(main);
    else await renderSettings(main);
  }, () => void render());
  main.focus({ preventScroll: true });
}

logout.addEventListener('click', () => { clearToken(); void render(); });
lang.addEventListener('change', () => { setLocale(lang.value as Locale); void render(); });
window.addEventListener('hashchange', () => void render());
setLocale(currentLocale());
void render();
