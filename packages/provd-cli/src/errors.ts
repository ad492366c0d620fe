import { ProvdApiError, ProvdConnectionError } from '@dialtone/provd-client';

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;

/** A command line that cannot be run as given (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An operation that ended in `fail` (exit 1). */
export class OperationFailedError extends Error {
  override readonly name = 'OperationFailedError';
}

/** One line saying what went wrong, and the exit code for it. */
export function describeError(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) return { message: err.message, code: EXIT.usage };
  if (err instanceof ProvdApiError) {
    const hint = err.status === 401 ? ' (give a token: --token, PROVD_TOKEN or --data-dir)' : err.status === 403 ? ' (the token lacks the ACL for this)' : '';
    return { message: `${err.message.split('\n')[0]}${hint}`, code: EXIT.failed };
  }
  if (err instanceof ProvdConnectionError) return { message: `cannot reach provd: ${err.reason}`, code: EXIT.unreachable };
  // fetch's network failures: "fetch failed" with the socket error as its cause, or a timeout
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if ((e?.name === 'TypeError' && e.message === 'fetch failed') || e?.name === 'TimeoutError') {
    return { message: `cannot reach provd: ${e.cause?.code ?? e.cause?.message ?? e.message}`, code: EXIT.unreachable };
  }
  return { message: err instanceof Error ? err.message : String(err), code: EXIT.failed };
}
