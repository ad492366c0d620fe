import type { TftpErrorCode } from './errors.js';

/** TFTP opcodes (RFC 1350, RFC 2347 for OACK). */
export const Opcode = { RRQ: 1, WRQ: 2, DATA: 3, ACK: 4, ERROR: 5, OACK: 6 } as const;

/** RFC 2347: a request packet, options included, fits in 512 bytes. */
export const MAX_REQUEST_BYTES = 512;

export interface RequestPacket {
  op: 'rrq' | 'wrq';
  filename: string;
  /** Mode as sent, lower-cased ('octet', 'netascii', 'mail', …). */
  mode: string;
  /** Options in the order sent, names lower-cased, values as sent. */
  options: Array<[name: string, value: string]>;
}
export interface DataPacket { op: 'data'; block: number; data: Buffer }
export interface AckPacket { op: 'ack'; block: number }
export interface ErrorPacket { op: 'error'; errorCode: number; message: string }
export interface OackPacket { op: 'oack'; options: Array<[name: string, value: string]> }
/** Anything that is not a well-formed packet; `opcode` is set when the first two bytes exist. */
export interface InvalidPacket { op: 'invalid'; opcode?: number; reason: string }

export type Packet = RequestPacket | DataPacket | AckPacket | ErrorPacket | OackPacket | InvalidPacket;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (one char per byte, nothing lost). */
function decodeString(bytes: Buffer): string {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) {
      try {
        return strictUtf8.decode(bytes);
      } catch {
        return bytes.toString('latin1');
      }
    }
  }
  return bytes.toString('latin1');
}

/** Splits NUL-terminated strings from `start`; null when the last one lacks its NUL. */
function splitStrings(buf: Buffer, start: number): string[] | null {
  const out: string[] = [];
  let pos = start;
  while (pos < buf.length) {
    const end = buf.indexOf(0, pos);
    if (end === -1) return null;
    out.push(decodeString(buf.subarray(pos, end)));
    pos = end + 1;
  }
  return out;
}

function parseRequest(buf: Buffer, op: 'rrq' | 'wrq'): RequestPacket | InvalidPacket {
  const opcode = op === 'rrq' ? Opcode.RRQ : Opcode.WRQ;
  if (buf.length > MAX_REQUEST_BYTES) return { op: 'invalid', opcode, reason: `request larger than ${MAX_REQUEST_BYTES} bytes` };
  const fields = splitStrings(buf, 2);
  if (fields === null) return { op: 'invalid', opcode, reason: 'request not NUL-terminated' };
  if (fields.length < 2) return { op: 'invalid', opcode, reason: 'request without filename and mode' };
  const [filename, mode] = fields;
  if (filename === '') return { op: 'invalid', opcode, reason: 'empty filename' };
  if (mode === '') return { op: 'invalid', opcode, reason: 'empty mode' };
  // Some firmware pads requests with NULs: an empty option name ends the list.
  const rest = fields.slice(2);
  const options: Array<[string, string]> = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '') {
      if (rest.slice(i).some((s) => s !== '')) return { op: 'invalid', opcode, reason: 'empty option name' };
      break;
    }
    if (i + 1 >= rest.length) return { op: 'invalid', opcode, reason: 'option without value' };
    options.push([rest[i].toLowerCase(), rest[i + 1]]);
  }
  return { op, filename, mode: mode.toLowerCase(), options };
}

function parseOack(buf: Buffer): OackPacket | InvalidPacket {
  const fields = splitStrings(buf, 2);
  if (fields === null || fields.length % 2 === 1) return { op: 'invalid', opcode: Opcode.OACK, reason: 'malformed OACK' };
  const options: Array<[string, string]> = [];
  for (let i = 0; i < fields.length; i += 2) options.push([fields[i].toLowerCase(), fields[i + 1]]);
  return { op: 'oack', options };
}

/** Parses one datagram. Never throws: malformed input comes back as `{op: 'invalid'}`. */
export function parsePacket(buf: Buffer): Packet {
  if (buf.length < 2) return { op: 'invalid', reason: 'datagram shorter than an opcode' };
  const opcode = buf.readUInt16BE(0);
  switch (opcode) {
    case Opcode.RRQ:
      return parseRequest(buf, 'rrq');
    case Opcode.WRQ:
      return parseRequest(buf, 'wrq');
    case Opcode.DATA:
      if (buf.length < 4) return { op: 'invalid', opcode, reason: 'truncated DATA' };
      return { op: 'data', block: buf.readUInt16BE(2), data: buf.subarray(4) };
    case Opcode.ACK:
      if (buf.length !== 4) return { op: 'invalid', opcode, reason: 'ACK is not 4 bytes' };
      return { op: 'ack', block: buf.readUInt16BE(2) };
    case Opcode.ERROR: {
      if (buf.length < 4) return { op: 'invalid', opcode, reason: 'truncated ERROR' };
      const end = buf.indexOf(0, 4);
      const message = decodeString(buf.subarray(4, end === -1 ? buf.length : end));
      return { op: 'error', errorCode: buf.readUInt16BE(2), message };
    }
    case Opcode.OACK:
      return parseOack(buf);
    default:
      return { op: 'invalid', opcode, reason: `unknown opcode ${opcode}` };
  }
}

/** Fast path for transfer sockets: the block of a well-formed ACK, else -1. */
export function readAckBlock(buf: Buffer): number {
  return buf.length === 4 && buf[0] === 0 && buf[1] === Opcode.ACK ? buf.readUInt16BE(2) : -1;
}

export function encodeDataHeader(block: number): Buffer {
  const header = Buffer.allocUnsafe(4);
  header.writeUInt16BE(Opcode.DATA, 0);
  header.writeUInt16BE(block & 0xffff, 2);
  return header;
}

/**
 * DATA packets for consecutive blocks, numbered from `firstIndex` (wrapping
 * at 65536), framed in one allocation: each packet is then a single buffer
 * that the socket sends without building a buffer list.
 */
export function encodeDataRun(firstIndex: number, blocks: readonly Buffer[]): Buffer[] {
  let total = 0;
  for (const b of blocks) total += b.length + 4;
  const frame = Buffer.allocUnsafe(total);
  const packets: Buffer[] = [];
  let at = 0;
  let index = firstIndex;
  for (const b of blocks) {
    frame[at] = 0;
    frame[at + 1] = Opcode.DATA;
    frame[at + 2] = (index >> 8) & 0xff;
    frame[at + 3] = index & 0xff;
    b.copy(frame, at + 4);
    const end = at + 4 + b.length;
    packets.push(frame.subarray(at, end));
    at = end;
    index++;
  }
  return packets;
}

export function encodeData(block: number, data: Buffer): Buffer {
  return Buffer.concat([encodeDataHeader(block), data]);
}

export function encodeAck(block: number): Buffer {
  const buf = Buffer.allocUnsafe(4);
  buf.writeUInt16BE(Opcode.ACK, 0);
  buf.writeUInt16BE(block & 0xffff, 2);
  return buf;
}

/** An ERROR packet; the message is cut so the packet stays within 512 bytes. */
export function encodeError(code: TftpErrorCode | number, message: string): Buffer {
  let text = Buffer.from(message, 'utf8');
  if (text.length > MAX_REQUEST_BYTES - 5) text = text.subarray(0, MAX_REQUEST_BYTES - 5);
  const buf = Buffer.alloc(5 + text.length);
  buf.writeUInt16BE(Opcode.ERROR, 0);
  buf.writeUInt16BE(code & 0xffff, 2);
  text.copy(buf, 4);
  return buf;
}

function encodeStrings(opcode: number, strings: string[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0, opcode])];
  for (const s of strings) parts.push(Buffer.from(s, 'utf8'), Buffer.from([0]));
  return Buffer.concat(parts);
}

export function encodeOack(options: Array<[string, string]>): Buffer {
  return encodeStrings(Opcode.OACK, options.flat());
}

export function encodeRequest(op: 'rrq' | 'wrq', filename: string, mode: string, options: Array<[string, string]> = []): Buffer {
  return encodeStrings(op === 'rrq' ? Opcode.RRQ : Opcode.WRQ, [filename, mode, ...options.flat()]);
}
