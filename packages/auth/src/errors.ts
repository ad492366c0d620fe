/**
 * Coded errors of @dialtone/auth. Codes are documented in docs/reference/errors.md and never reused.
 */
export class AuthError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(code: string, message: string, statusCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

function factory(code: string, statusCode: number) {
  const make = (message: string, options?: { cause?: unknown }) => new AuthError(code, message, statusCode, options);
  make.code = code;
  return make;
}

export const authErrors = {
  /** No X-Auth-Token header. */
  missingToken: factory('DT_ERR_AUTH_MISSING_TOKEN', 401),
  /** The token is unknown, revoked or expired. */
  invalidToken: factory('DT_ERR_AUTH_INVALID_TOKEN', 401),
  /** The token is valid but its ACLs do not grant the route's ACL. */
  forbidden: factory('DT_ERR_AUTH_FORBIDDEN', 403),
  /** The Wazo-Tenant header names a tenant the token cannot act for. */
  invalidTenant: factory('DT_ERR_AUTH_INVALID_TENANT', 401),
  /** The external token service could not be reached or answered something unexpected. */
  unavailable: factory('DT_ERR_AUTH_UNAVAILABLE', 503),
  /** A token definition (ACL, expiry) is malformed. */
  badTokenSpec: factory('DT_ERR_AUTH_BAD_TOKEN_SPEC', 400),
} as const;

export function isAuthError(err: unknown, code?: string): err is AuthError {
  return err instanceof AuthError && (code === undefined || err.code === code);
}
