import { ApiError } from './api.js';
import { h, toast } from './dom.js';
import { t } from './i18n.js';
import { clearToken } from './token.js';

/** Runs a view's work; a refused token sends the user back to the login form. */
export async function guarded(work: () => Promise<void>, onRefused: () => void): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      clearToken();
      onRefused();
      return;
    }
    toast(describe(err));
  }
}

export function describe(err: unknown): string {
  if (err instanceof ApiError) return t('error.generic', { status: err.status, message: err.message });
  return err instanceof Error ? err.message : String(err);
}

/** An error shown next to the field it concerns, announced to screen readers. */
export function fieldError(id: string): HTMLParagraphElement {
  return h('p', { id, class: 'field-error', role: 'alert', hidden: true });
}

export function showFieldError(el: HTMLElement, message: string | null): void {
  el.textContent = message ?? '';
  el.hidden = message === null;
}
