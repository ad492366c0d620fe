import { TftpError, TftpErrorCode } from './errors.js';

/**
 * Turns a requested filename into a path relative to a served folder, or
 * refuses it. Leading slashes are dropped (phones often ask for `/file.cfg`,
 * and a served folder is the root for them); `..`, backslashes and control
 * characters are refused outright rather than normalised away.
 */
export function toRelativePath(filename: string): string {
  for (let i = 0; i < filename.length; i++) {
    const c = filename.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw new TftpError(TftpErrorCode.AccessViolation, 'control character in filename');
    if (c === 0x5c) throw new TftpError(TftpErrorCode.AccessViolation, 'backslash in filename');
  }
  const segments = filename.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new TftpError(TftpErrorCode.AccessViolation, '".." in filename');
  if (segments.length === 0) throw new TftpError(TftpErrorCode.FileNotFound, 'no such file');
  return segments.join('/');
}
