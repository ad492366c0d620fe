/**
 * The token lives in sessionStorage only: it is gone when the browser session ends. A token given
 * in the address (`#/plugins?token=…`) is taken and removed from the address bar at once.
 */
const KEY = 'dialtone.provd.token';

export function takeTokenFromAddress(): void {
  const [path, query = ''] = location.hash.split('?');
  const params = new URLSearchParams(query);
  const token = params.get('token');
  if (token === null) return;
  if (token) sessionStorage.setItem(KEY, token);
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${path}${rest ? `?${rest}` : ''}`);
}

export const getToken = (): string | null => sessionStorage.getItem(KEY);
export const setToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const clearToken = (): void => sessionStorage.removeItem(KEY);
