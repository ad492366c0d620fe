/**
 * An operation in progress (reference OIP): a label, a state, an optional current/end count and
 * sub-operations, formatted as the reference status string `label|state;current/end(sub)(sub)`
 * that the official client parses.
 */
export type OperationState = 'waiting' | 'progress' | 'success' | 'fail';

export class Operation {
  state: OperationState = 'waiting';
  current: number | null = null;
  end: number | null = null;
  /** Set when the operation failed: the coded error, for logs and the `error` field. */
  error: { code: string; message: string } | null = null;
  readonly subs: Operation[] = [];

  constructor(readonly label: string | null = null) {}

  /** A sub-operation shown in parentheses after this one's status. */
  sub(label: string | null): Operation {
    const child = new Operation(label);
    this.subs.push(child);
    return child;
  }

  progress(current?: number | null, end?: number | null): void {
    this.state = 'progress';
    if (current !== undefined) this.current = current === null ? null : Math.max(0, Math.floor(current));
    if (end !== undefined) this.end = end === null ? null : Math.max(0, Math.floor(end));
  }

  succeed(): void {
    this.state = 'success';
  }

  fail(err: unknown): void {
    this.state = 'fail';
    const e = err as { code?: unknown; message?: unknown };
    this.error = { code: typeof e?.code === 'string' ? e.code : 'DT_ERR_INTERNAL', message: typeof e?.message === 'string' ? e.message : String(err) };
  }

  get finished(): boolean {
    return this.state === 'success' || this.state === 'fail';
  }

  /** `label|state;current/end(sub)…`; a label may hold only word characters (the client's regex). */
  format(): string {
    let out = this.label ? `${this.label.replace(/\W/g, '_')}|${this.state}` : this.state;
    if (this.current !== null) out += `;${this.current}${this.end !== null ? `/${this.end}` : ''}`;
    for (const sub of this.subs) out += `(${sub.format()})`;
    return out;
  }
}
