/**
 * Coded errors of confgend. Every error has a stable `code` (DT_ERR_CONFGEND_…) and the HTTP
 * status it is answered with. Codes are documented in docs/reference/confgend.md, never reused.
 */
export class ConfgendError extends Error {
  readonly code: string;
  readonly statusCode: number;
  /** The driver concerned, when there is one. */
  readonly driver: string | undefined;
  constructor(code: string, message: string, statusCode: number, options: { cause?: unknown; driver?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfgendError';
    this.code = code;
    this.statusCode = statusCode;
    this.driver = options.driver;
  }
}

function factory(code: string, statusCode: number) {
  const make = (message: string, options?: { cause?: unknown; driver?: string }) => new ConfgendError(code, message, statusCode, options);
  make.code = code;
  return make;
}

export const errors = {
  /** The configuration folder, a conf.d file or a flag is invalid (start-up, exit code 1). */
  invalidConfig: factory('DT_ERR_CONFGEND_CONFIG', 500),
  /** `<resource>/<filename>` is not a safe name (slashes, `..`, control characters…). */
  badFileName: factory('DT_ERR_CONFGEND_BAD_NAME', 400),
  /** A request parameter is not one the route takes. */
  badRequest: factory('DT_ERR_CONFGEND_BAD_REQUEST', 400),
  /** No driver generates this file. The message lists the files that have drivers. */
  unknownFile: factory('DT_ERR_CONFGEND_UNKNOWN_FILE', 404),
  /** conf.d selects a driver name that nothing declares. The message lists the available ones. */
  unknownDriver: factory('DT_ERR_CONFGEND_UNKNOWN_DRIVER', 404),
  /** Two sources declare the same driver name for the same file. */
  driverConflict: factory('DT_ERR_CONFGEND_DRIVER_CONFLICT', 500),
  /** A driver's module could not be imported, or it does not export a driver class. */
  driverLoad: factory('DT_ERR_CONFGEND_DRIVER_LOAD', 500),
  /** A driver's constructor or generate() threw, or generate() returned something else than a string. */
  driverFailed: factory('DT_ERR_CONFGEND_DRIVER_FAILED', 502),
  /** generate() did not settle within `driver_timeout_ms`. */
  driverTimeout: factory('DT_ERR_CONFGEND_DRIVER_TIMEOUT', 504),
  /** A package.json declares drivers in a shape confgend does not take. */
  badManifest: factory('DT_ERR_CONFGEND_BAD_MANIFEST', 500),
} as const;

export function isConfgendError(err: unknown, code?: string): err is ConfgendError {
  return err instanceof ConfgendError && (code === undefined || err.code === code);
}
