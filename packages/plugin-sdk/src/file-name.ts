import { SdkError, SdkErrorCode } from './errors.js';

/**
 * Checks a served file name as a FileSink takes it: relative, `/`-separated, no empty, `.` or
 * `..` segment, no backslash, NUL or drive letter. Returns it unchanged; throws
 * DT_ERR_INVALID_FILE_NAME otherwise. Hosts run every sink call through it.
 */
export function checkFileName(name: string): string {
  const why = fileNameProblem(name);
  if (why !== null) throw new SdkError(SdkErrorCode.INVALID_FILE_NAME, `invalid file name ${JSON.stringify(name)}: ${why}`, { name });
  return name;
}

export function isValidFileName(name: string): boolean {
  return fileNameProblem(name) === null;
}

function fileNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'empty';
  if (name.length > 1024) return 'too long';
  if (name.startsWith('/')) return 'absolute';
  if (/^[a-zA-Z]:/.test(name)) return 'drive letter';
  if (name.includes('\\')) return 'backslash';
  if (name.includes('\0')) return 'NUL byte';
  for (const segment of name.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return `"${segment}" segment`;
  }
  return null;
}
