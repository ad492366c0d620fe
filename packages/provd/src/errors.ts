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
  /** Another device has this MAC address (one device per MAC: files are named after it). */
  duplicateMac: factory('DT_ERR_DUPLICATE_MAC', 400),
  /** No document with this id. */
  notFound: factory('DT_ERR_NOT_FOUND', 404),
  /** The config is marked `deletable: false`. */
  notDeletable: factory('DT_ERR_NOT_DELETABLE', 403),
  /** A tenant other than the master tried to change or delete a shared config. */
  sharedConfig: factory('DT_ERR_SHARED_CONFIG', 403),
  /** Content-Type is not the provd media type. */
  unsupportedMediaType: factory('DT_ERR_UNSUPPORTED_MEDIA_TYPE', 415),
  /** Accept does not allow the provd media type. */
  notAcceptable: factory('DT_ERR_NOT_ACCEPTABLE', 406),
  /** The Host header names a host the REST API does not answer to (DNS-rebinding defence). */
  hostNotAllowed: factory('DT_ERR_HOST_NOT_ALLOWED', 403),
  /** The Origin header is neither the API's own origin nor in rest_api.cors_origins. */
  originNotAllowed: factory('DT_ERR_ORIGIN_NOT_ALLOWED', 403),
  /** No such configure parameter. */
  unknownParam: factory('DT_ERR_UNKNOWN_PARAM', 404),
  /** A configure parameter value is invalid. The message says what is expected. */
  invalidParam: factory('DT_ERR_INVALID_PARAM', 400),
  /** The configuration file, environment or flags are invalid. */
  invalidConfig: factory('DT_ERR_INVALID_CONFIG', 1),
  /** The store could not do what was asked (connection, migration…). */
  store: factory('DT_ERR_STORE', 500),
  /** Synchronize could not reach the phone, or the phone (or Asterisk) refused: the message says which. */
  syncFailed: factory('DT_ERR_SYNC_FAILED', 502),
  /** Synchronize cannot be tried: device not configured, plugin without synchronize, sync.type none. */
  syncUnsupported: factory('DT_ERR_SYNC_UNSUPPORTED', 400),
  /** A REST reply does not match the response schema its route declares (checked outside production). */
  replySchema: factory('DT_ERR_REPLY_SCHEMA', 500),
} as const;

export function isProvdError(err: unknown, code?: string): err is ProvdError {
  return err instanceof ProvdError && (code === undefined || err.code === code);
}
