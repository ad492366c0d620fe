/**
 * Coded errors of plugind. Every error has a stable `code` (DT_ERR_PLUGIND_…), an HTTP status
 * when it can reach the REST API, and the reference's `error_id`. Codes are documented in
 * docs/reference/plugind.md and never reused.
 */
export class PlugindError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly errorId: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, errorId: string, message: string, statusCode: number, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PlugindError';
    this.code = code;
    this.errorId = errorId;
    this.statusCode = statusCode;
    this.details = details;
  }
}

function factory(code: string, errorId: string, statusCode: number) {
  const make = (message: string, details: Record<string, unknown> = {}) => new PlugindError(code, errorId, message, statusCode, details);
  make.code = code;
  return make;
}

export const errors = {
  /** The request body or query is not what the API takes; `details` maps each field to its constraint. */
  invalidData: factory('DT_ERR_PLUGIND_INVALID_DATA', 'invalid-data', 400),
  /** plugin.yml failed validation; `details` maps each field to `{constraint_id, constraint, message}`. */
  validation: factory('DT_ERR_PLUGIND_VALIDATION', 'validation-error', 400),
  /** An external step (git, rules, dpkg…) exited non-zero or timed out; `details.step` names it. */
  install: factory('DT_ERR_PLUGIND_INSTALL', 'install-error', 500),
  /** A pipeline step failed for another reason; the job error_id is `<step>-error`. */
  step: factory('DT_ERR_PLUGIND_STEP', 'step-error', 500),
  /** A plugin dependency is missing, cyclic or failed to install. */
  dependency: factory('DT_ERR_PLUGIND_DEPENDENCY', 'dependency-error', 500),
  /** No such plugin, market entry or job. */
  notFound: factory('DT_ERR_PLUGIND_NOT_FOUND', 'not-found', 404),
  /** Another job is installing or removing the same plugin. */
  busy: factory('DT_ERR_PLUGIND_BUSY', 'plugin-busy', 409),
  /** Other installed plugins depend on the one being removed (pass cascade to remove them too). */
  dependedUpon: factory('DT_ERR_PLUGIND_DEPENDED_UPON', 'plugin-depended-upon', 409),
  /** No token, an unknown or expired token. */
  unauthorized: factory('DT_ERR_PLUGIND_UNAUTHORIZED', 'unauthorized', 401),
  /** The token's ACL does not allow this route. */
  forbidden: factory('DT_ERR_PLUGIND_FORBIDDEN', 'forbidden', 403),
  /** The market could not be reached or answered garbage. */
  marketUnavailable: factory('DT_ERR_PLUGIND_MARKET_UNAVAILABLE', 'market-service-unavailable', 503),
  /** The market sort key cannot order these values. */
  invalidSort: factory('DT_ERR_PLUGIND_INVALID_SORT', 'invalid-sort-params', 400),
  /** The configuration or command-line options are invalid. */
  invalidConfig: factory('DT_ERR_PLUGIND_INVALID_CONFIG', 'invalid-config', 500),
} as const;

export function isPlugindError(err: unknown, code?: string): err is PlugindError {
  return err instanceof PlugindError && (code === undefined || err.code === code);
}
