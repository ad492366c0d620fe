/**
 * Follows an operation in progress: a live bar on a terminal, one plain line per change
 * otherwise. Resolves with the final status; a failed operation throws OperationFailedError.
 */
import type { Operation, OperationStatus } from '@dialtone/provd-client';
import { OperationFailedError } from './errors.js';
import { paint, type Output } from './output.js';

const WIDTH = 24;

/** `install: download 3/10 (fetch 40/100)` */
export function describeStatus(status: OperationStatus): string {
  const own = `${status.label ?? 'operation'}: ${status.state}${status.current !== null ? ` ${status.current}${status.end !== null ? `/${status.end}` : ''}` : ''}`;
  const sub = status.sub.filter((s) => s.state !== 'success' || status.state !== 'progress').map(describeStatus);
  return sub.length ? `${own} (${sub.join(', ')})` : own;
}

function bar(status: OperationStatus): string {
  const ratio = status.state === 'success' ? 1 : status.current !== null && status.end ? Math.min(1, status.current / status.end) : null;
  if (ratio === null) return `[${'·'.repeat(WIDTH)}]`;
  const done = Math.round(ratio * WIDTH);
  return `[${'#'.repeat(done)}${'·'.repeat(WIDTH - done)}] ${String(Math.round(ratio * 100)).padStart(3)}%`;
}

export async function follow(out: Output, operation: Operation): Promise<OperationStatus> {
  let final: OperationStatus | undefined;
  for await (const status of operation) {
    final = status;
    if (out.tty) out.write(`\r\x1b[K${bar(status)} ${describeStatus(status)}`);
    else out.write(`${describeStatus(status)}\n`);
  }
  if (!final) throw new OperationFailedError('the operation ended without a status');
  if (out.tty) out.write(`\r\x1b[K${bar(final)} ${paint(out, final.state === 'success' ? 'green' : 'red', describeStatus(final))}\n`);
  if (final.state === 'fail') throw new OperationFailedError(final.error ? `${describeStatus(final)}: ${final.error.message}` : describeStatus(final));
  return final;
}
