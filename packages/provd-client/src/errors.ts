/** Every non-2xx answer: the status, provd's error code (Dialtone-Error-Code) and its message. */
export class ProvdApiError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    code: string | null,
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path} → ${status}: ${message}`);
    this.name = 'ProvdApiError';
    this.code = code ?? `HTTP_${status}`;
  }
}

/** The operation string was not `label|state;current/end(sub)…`. */
export class OperationParseError extends Error {
  readonly code = 'DT_ERR_CLIENT_OPERATION_STATUS';
  constructor(text: string, why: string) {
    super(`invalid operation status ${JSON.stringify(text)}: ${why}`);
    this.name = 'OperationParseError';
  }
}

/** provd could not be reached, or the connection failed before a whole answer came back. */
export class ProvdConnectionError extends Error {
  readonly code = 'DT_ERR_CLIENT_UNREACHABLE';
  constructor(
    readonly method: string,
    readonly url: string,
    /** The socket error's code (ECONNREFUSED, ETIMEDOUT…) or message. */
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`${method} ${url}: cannot reach provd: ${reason}`, { cause });
    this.name = 'ProvdConnectionError';
  }
}
