import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { clearToken, setToken } from '../token.js';

/** The login form: a token, checked against the API before the page shows any data. */
export function renderLogin(main: HTMLElement, onLoggedIn: () => void): void {
  const input = h('input', { id: 'login-token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'login-help' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true }, t('login.bad'));
  const form = h('form', { class: 'form login', onsubmit: async (e: Event) => {
    e.preventDefault();
    setToken(input.value.trim());
    try {
      await api.status();
      onLoggedIn();
    } catch {
      clearToken();
      error.hidden = false;
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'login-token' }, t('login.token')), input, h('p', { id: 'login-help', class: 'hint' }, t('login.help'))),
  error, h('button', { type: 'submit' }, t('login.submit')));
  replace(main, h('h1', {}, t('login.title')), form);
  input.focus();
}
