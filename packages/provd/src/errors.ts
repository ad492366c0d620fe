/**
 * Coded errors of provd. Every error has a stable `code` (DT_ERR_…), and an HTTP status when it
 * can reach the REST API. Codes are documented in docs/reference/errors.md and never reused.
 */
export class ProvdError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(code: string, message: string, statusCode = 500, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProvdError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

function factory(code: string, statusCode: number) {
  const make = (message: string, options?: { cause?: unknown }) => new ProvdError(code, message, statusCode, options);
  make.code = code;
  return make;
}

export const errors = {
  /** The request body or a query parameter is not what the API takes. */
  badRequest: factory('DT_ERR_BAD_REQUEST', 400),
  /** A document (device, config) failed validation. The message names the field. */
  invalidDocument: factory('DT_ERR_INVALID_DOCUMENT', 400),
  /** A document with this id exists already. */
  duplicateId: factory('DT_ERR_DUPLICATE_ID', 400),
  /** No document with this id. */
  notFound: factory('DT_ERR_NOT_FOUND', 404),
  /** The config is marked `deletable: false`. */
  notDeletable: factory('DT_ERR_NOT_DELETABLE', 403),
  /** Content-Type is not the provd media type. */
  unsupportedMediaType: factory('DT_ERR_UNSUPPORTED_MEDIA_TYPE', 415),
  /** Accept does not allow the provd media type. */
  notAcceptable: factory('DT_ERR_NOT_ACCEPTABLE', 406),
  /** The configuration file, environment or flags are invalid. */
  invalidConfig: factory('DT_ERR_INVALID_CONFIG', 1),
  /** The store could not do what was asked (connection, migration…). */
  store: factory('DT_ERR_STORE', 500),
} as const;

export function isProvdError(err: unknown, code?: string): err is ProvdError {
  return err instanceof ProvdError && (code === undefined || err.code === code);
}
