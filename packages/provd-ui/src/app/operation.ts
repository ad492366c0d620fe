/**
 * Operations in progress: the reference's status string `label|state;current/end(sub…)`, where
 * state is waiting, progress, success or fail. Parsed into what a progress bar needs.
 */
import { api } from './api.js';

export interface OperationState { label: string; state: string; current: number | null; end: number | null; detail: string }

export function parseOperationStatus(status: string): OperationState {
  const top = status.split('(')[0] ?? status;
  const [label = '', rest = ''] = top.split('|');
  const [state = '', progress = ''] = rest.split(';');
  const match = /^(\d+)(?:\/(\d+))?$/.exec(progress);
  const inner = status.includes('(') ? status.slice(status.indexOf('(') + 1, status.lastIndexOf(')')) : '';
  return { label, state, current: match ? Number(match[1]) : null, end: match?.[2] ? Number(match[2]) : null, detail: inner };
}

/** Follows an operation until it ends; `onProgress` sees every state. Resolves with the last one. */
export async function follow(location: string, onProgress: (state: OperationState) => void, intervalMs = 300): Promise<OperationState> {
  for (;;) {
    const state = parseOperationStatus(await api.operation(location));
    onProgress(state);
    if (state.state === 'success' || state.state === 'fail') {
      await api.forgetOperation(location).catch(() => undefined);
      return state;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
