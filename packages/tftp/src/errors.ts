/** TFTP ERROR packet codes (RFC 1350 §5, RFC 2347 for 8). */
export const TftpErrorCode = {
  NotDefined: 0,
  FileNotFound: 1,
  AccessViolation: 2,
  DiskFull: 3,
  IllegalOperation: 4,
  UnknownTransferId: 5,
  FileExists: 6,
  NoSuchUser: 7,
  OptionRefused: 8,
} as const;
export type TftpErrorCode = (typeof TftpErrorCode)[keyof typeof TftpErrorCode];

const codeNames: Record<TftpErrorCode, string> = {
  0: 'DT_ERR_TFTP_NOT_DEFINED',
  1: 'DT_ERR_TFTP_FILE_NOT_FOUND',
  2: 'DT_ERR_TFTP_ACCESS_VIOLATION',
  3: 'DT_ERR_TFTP_DISK_FULL',
  4: 'DT_ERR_TFTP_ILLEGAL_OPERATION',
  5: 'DT_ERR_TFTP_UNKNOWN_TRANSFER_ID',
  6: 'DT_ERR_TFTP_FILE_EXISTS',
  7: 'DT_ERR_TFTP_NO_SUCH_USER',
  8: 'DT_ERR_TFTP_OPTION_REFUSED',
};

/**
 * An error that becomes a TFTP ERROR packet. Resolvers throw it to refuse a
 * request; `tftpCode` and `message` go on the wire.
 */
export class TftpError extends Error {
  readonly code: string;
  readonly tftpCode: TftpErrorCode;

  constructor(tftpCode: TftpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TftpError';
    this.tftpCode = tftpCode;
    this.code = codeNames[tftpCode] ?? 'DT_ERR_TFTP_NOT_DEFINED';
  }
}

/** A programming or configuration error of the library's caller (never sent on the wire). */
export class TftpConfigError extends Error {
  readonly code = 'DT_ERR_TFTP_INVALID_CONFIG';

  constructor(message: string) {
    super(message);
    this.name = 'TftpConfigError';
  }
}

export function isTftpError(err: unknown): err is TftpError {
  return err instanceof TftpError;
}
