/** Reads the POSIX TZ footer of a TZif (version 2+) file, RFC 8536. */

export class TzifFormatError extends Error {
  constructor(why: string) {
    super(`not a TZif v2+ file: ${why}`);
    this.name = 'TzifFormatError';
  }
}

const HEADER_SIZE = 44;

export function readTzifFooter(data: Buffer): string {
  const v1 = header(data, 0);
  if (v1.version < 2) throw new TzifFormatError('version 1 has no footer');
  const v2Start = HEADER_SIZE + v1.dataSize(4);
  const v2 = header(data, v2Start);
  const footerStart = v2Start + HEADER_SIZE + v2.dataSize(8);
  if (data[footerStart] !== 0x0a) throw new TzifFormatError('footer does not start with a newline');
  const end = data.indexOf(0x0a, footerStart + 1);
  if (end < 0) throw new TzifFormatError('footer does not end with a newline');
  return data.toString('latin1', footerStart + 1, end);
}

function header(data: Buffer, at: number) {
  if (data.length < at + HEADER_SIZE || data.toString('latin1', at, at + 4) !== 'TZif') throw new TzifFormatError('bad magic');
  const versionByte = data[at + 4];
  const version = versionByte === 0 ? 1 : versionByte - 0x30;
  const [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = [0, 1, 2, 3, 4, 5].map((i) => data.readUInt32BE(at + 20 + 4 * i));
  return {
    version,
    dataSize: (timeSize: number) =>
      timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt,
  };
}
