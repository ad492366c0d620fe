import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { OperationState } from '../operation.js';

/** A progress bar for an operation in progress, announced politely to screen readers. */
export function progressBox(): { el: HTMLElement; update(state: OperationState): void } {
  const bar = h('progress', { max: 1 });
  const text = h('span', {});
  const el = h('div', { class: 'progress', role: 'status', 'aria-live': 'polite' }, bar, text);
  return {
    el,
    update(state) {
      if (state.current !== null && state.end) {
        bar.max = state.end;
        bar.value = state.current;
      } else if (state.state === 'success') {
        bar.max = 1;
        bar.value = 1;
      } else bar.removeAttribute('value');
      text.textContent = state.state === 'fail' ? t('op.failed', { label: state.label, detail: state.detail }) : t('op.progress', { label: state.label, state: state.state });
    },
  };
}
