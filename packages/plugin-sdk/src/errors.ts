/**
 * Coded errors of the plugin SDK. Callers branch on `code` (stable, documented in
 * docs/reference/plugin-sdk.md, never reused); messages are for people.
 */
export const SdkErrorCode = {
  INVALID_MAC: 'DT_ERR_INVALID_MAC',
  INVALID_FILE_NAME: 'DT_ERR_INVALID_FILE_NAME',
  PLUGIN_INFO_MISSING: 'DT_ERR_PLUGIN_INFO_MISSING',
  PLUGIN_INFO_INVALID: 'DT_ERR_PLUGIN_INFO_INVALID',
  PLUGIN_IFACE_MISMATCH: 'DT_ERR_PLUGIN_IFACE_MISMATCH',
  PLUGIN_ENTRY_MISSING: 'DT_ERR_PLUGIN_ENTRY_MISSING',
  PLUGIN_ENTRY_INVALID: 'DT_ERR_PLUGIN_ENTRY_INVALID',
  PLUGIN_MEMBERS_INVALID: 'DT_ERR_PLUGIN_MEMBERS_INVALID',
  PLUGIN_INIT_FAILED: 'DT_ERR_PLUGIN_INIT_FAILED',
  FAMILY_INVALID: 'DT_ERR_FAMILY_INVALID',
  FAMILY_HOOKS_INVALID: 'DT_ERR_FAMILY_HOOKS_INVALID',
  DEVICE_INCOMPLETE: 'DT_ERR_DEVICE_INCOMPLETE',
  TEMPLATE_NOT_FOUND: 'DT_ERR_TEMPLATE_NOT_FOUND',
  TEMPLATE_RENDER: 'DT_ERR_TEMPLATE_RENDER',
  ENCODING: 'DT_ERR_ENCODING',
  TIMEZONE_NOT_FOUND: 'DT_ERR_TIMEZONE_NOT_FOUND',
  TIMEZONE_INVALID: 'DT_ERR_TIMEZONE_INVALID',
  PKGS_DB_SYNTAX: 'DT_ERR_PKGS_DB_SYNTAX',
  PKGS_DB_INVALID: 'DT_ERR_PKGS_DB_INVALID',
  SYNC_UNSUPPORTED: 'DT_ERR_SYNC_UNSUPPORTED',
} as const;
export type SdkErrorCode = (typeof SdkErrorCode)[keyof typeof SdkErrorCode];

export class SdkError extends Error {
  readonly code: SdkErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: SdkErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SdkError';
    this.code = code;
    this.details = details;
  }
}

/** Raised by getTimezoneInfo for a name that has no zoneinfo file (reference: TimezoneNotFoundError). */
export class TimezoneNotFoundError extends SdkError {
  constructor(name: string, options?: { cause?: unknown }) {
    super(SdkErrorCode.TIMEZONE_NOT_FOUND, `unknown time zone "${name}"`, { timezone: name }, options);
    this.name = 'TimezoneNotFoundError';
  }
}

/** None of a file's template candidates exists in the plugin's template folders. */
export class TemplateNotFoundError extends SdkError {
  constructor(candidates: readonly string[], searchPath: readonly string[]) {
    super(
      SdkErrorCode.TEMPLATE_NOT_FOUND,
      `no template found among [${candidates.join(', ')}] in [${searchPath.join(', ')}]`,
      { candidates: [...candidates], searchPath: [...searchPath] },
    );
    this.name = 'TemplateNotFoundError';
  }
}

export interface Problem {
  /** Where: a section, a key path like `identify.http[0].path`, a file. */
  readonly where: string;
  readonly message: string;
}

/** A document (family.yml, pkgs.db, plugin-info) with one or more problems, all listed. */
export class InvalidDocumentError extends SdkError {
  readonly problems: readonly Problem[];
  constructor(code: SdkErrorCode, document: string, problems: readonly Problem[]) {
    const list = problems.map((p) => `  - ${p.where}: ${p.message}`).join('\n');
    super(code, `${document} is invalid:\n${list}`, { document });
    this.name = 'InvalidDocumentError';
    this.problems = problems;
  }
}

export function isSdkError(err: unknown, code?: SdkErrorCode): err is SdkError {
  return err instanceof SdkError && (code === undefined || err.code === code);
}
