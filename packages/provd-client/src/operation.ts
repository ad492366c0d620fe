import { OperationParseError } from './errors.js';
import type { OperationState, OperationStatus } from './types.js';

const HEAD = /^(?:(\w+)\|)?(\w+)(?:;(\d+)(?:\/(\d+))?)?/;
const STATES: readonly string[] = ['waiting', 'progress', 'success', 'fail'];

/** Parses the reference's operation status string, e.g. `install|progress;1/3(download|success)`. */
export function parseOperationStatus(text: string): OperationStatus {
  const m = HEAD.exec(text);
  if (!m) throw new OperationParseError(text, 'no state');
  const [, label, state, current, end] = m;
  if (!STATES.includes(state)) throw new OperationParseError(text, `unknown state ${JSON.stringify(state)}`);
  const sub: OperationStatus[] = [];
  let rest = text.slice(m[0].length);
  while (rest.length) {
    if (rest[0] !== '(') throw new OperationParseError(text, `unexpected ${JSON.stringify(rest[0])}`);
    let depth = 0;
    let i = 0;
    for (; i < rest.length; i++) {
      if (rest[i] === '(') depth++;
      else if (rest[i] === ')' && --depth === 0) break;
    }
    if (depth !== 0) throw new OperationParseError(text, 'unbalanced parentheses');
    sub.push(parseOperationStatus(rest.slice(1, i)));
    rest = rest.slice(i + 1);
  }
  return {
    label: label ?? null,
    state: state as OperationState,
    current: current === undefined ? null : Number(current),
    end: end === undefined ? null : Number(end),
    sub,
  };
}

export interface OperationTransport {
  get(path: string): Promise<{ status: string; error?: { code: string; message: string } }>;
  delete(path: string): Promise<void>;
}

/**
 * An operation in progress (`201` + `Location`). Iterate it to follow its progress: each
 * status is yielded, the last one is `success` or `fail`; `done()` resolves with that last one.
 * `delete()` frees it on the server (the iteration does it at the end unless `keep` is set).
 */
export class Operation implements AsyncIterable<OperationStatus> {
  constructor(
    private readonly transport: OperationTransport,
    /** The path after `/0.2/` (`pg_mgr/install/install/1`). */
    readonly path: string,
    private readonly options: { intervalMs?: number; keep?: boolean } = {},
  ) {}

  async status(): Promise<OperationStatus> {
    const { status, error } = await this.transport.get(this.path);
    return { ...parseOperationStatus(status), ...(error ? { error } : {}) };
  }

  delete(): Promise<void> {
    return this.transport.delete(this.path);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<OperationStatus> {
    const interval = this.options.intervalMs ?? 100;
    let last = '';
    try {
      while (true) {
        const status = await this.status();
        const key = JSON.stringify(status);
        if (key !== last) {
          last = key;
          yield status;
        }
        if (status.state === 'success' || status.state === 'fail') return;
        await new Promise((r) => setTimeout(r, interval));
      }
    } finally {
      if (!this.options.keep) await this.delete().catch(() => undefined);
    }
  }

  /** Follows the operation to its end; resolves with the final status (success or fail). */
  async done(): Promise<OperationStatus> {
    let final: OperationStatus | undefined;
    for await (const s of this) final = s;
    return final!;
  }
}

/** The part of an operation's Location after `/0.2/` (`pg_mgr/install/install/1`). */
export function operationPath(location: string): string {
  const path = location.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const at = path.indexOf('/0.2/');
  return at === -1 ? path.replace(/^\//, '') : path.slice(at + '/0.2/'.length);
}
