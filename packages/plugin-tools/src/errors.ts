/**
 * Coded errors of dialtone-plugin (documented in docs/reference/dialtone-plugin.md; never reused).
 * Every error that reaches the command line prints `code: message` and exits non-zero.
 */
export const ToolErrorCode = {
  USAGE: 'DT_ERR_TOOL_USAGE',
  SOURCE_INVALID: 'DT_ERR_TOOL_SOURCE_INVALID',
  BUILD_FAILED: 'DT_ERR_TOOL_BUILD_FAILED',
  LINT_FAILED: 'DT_ERR_TOOL_LINT_FAILED',
  TEST_FAILED: 'DT_ERR_TOOL_TEST_FAILED',
  REPOSITORY_INVALID: 'DT_ERR_TOOL_REPOSITORY_INVALID',
  VERSION_CONFLICT: 'DT_ERR_TOOL_VERSION_CONFLICT',
  DOWNLOAD_FAILED: 'DT_ERR_TOOL_DOWNLOAD_FAILED',
  FIRMWARE_MISMATCH: 'DT_ERR_TOOL_FIRMWARE_MISMATCH',
  EXISTS: 'DT_ERR_TOOL_EXISTS',
} as const;
export type ToolErrorCode = (typeof ToolErrorCode)[keyof typeof ToolErrorCode];

/** One problem of a lint or build: file, line when known, field (key path) and message. */
export interface Finding {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
}

export function formatFinding(f: Finding): string {
  return `${f.file}${f.line === undefined ? '' : `:${f.line}`}${f.field ? ` ${f.field}` : ''}: ${f.message}`;
}

export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly findings: readonly Finding[];
  constructor(code: ToolErrorCode, message: string, findings: readonly Finding[] = [], options?: { cause?: unknown }) {
    super(findings.length === 0 ? message : `${message}\n${findings.map((f) => `  ${formatFinding(f)}`).join('\n')}`, options);
    this.name = 'ToolError';
    this.code = code;
    this.findings = findings;
  }
}

export function isToolError(err: unknown, code?: ToolErrorCode): err is ToolError {
  return err instanceof ToolError && (code === undefined || err.code === code);
}
