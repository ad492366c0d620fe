/**
 * The generated-files journal's on-disk format. The file starts with `MAGIC`; then records:
 *
 *   u32 length of what follows the checksum · u32 CRC-32 of it · u8 op (1 write, 2 remove)
 *   f64 mtime (ms) · u16 plugin id length · plugin id · u16 name length · name · content
 *
 * (integers big-endian, strings UTF-8; a remove has no content). A crash can leave the last
 * record cut short or garbled: reading stops at the first record that does not check out.
 */
import { crc32 } from 'node:zlib';

export const MAGIC = Buffer.from('DTGF1\n', 'latin1');

export type JournalRecord =
  | { op: 'write'; plugin: string; name: string; mtime: number; content: Buffer }
  | { op: 'remove'; plugin: string; name: string; mtime: number };

const HEAD = 8;
const OPS = { write: 1, remove: 2 } as const;

export function encodeRecord(record: JournalRecord): Buffer {
  const plugin = Buffer.from(record.plugin, 'utf8');
  const name = Buffer.from(record.name, 'utf8');
  const content = record.op === 'write' ? record.content : null;
  const bodyLength = 1 + 8 + 2 + plugin.length + 2 + name.length + (content?.length ?? 0);
  const out = Buffer.allocUnsafe(HEAD + bodyLength);
  let at = HEAD;
  at = out.writeUInt8(OPS[record.op], at);
  at = out.writeDoubleBE(record.mtime, at);
  at = out.writeUInt16BE(plugin.length, at);
  at += plugin.copy(out, at);
  at = out.writeUInt16BE(name.length, at);
  at += name.copy(out, at);
  if (content) content.copy(out, at);
  out.writeUInt32BE(bodyLength, 0);
  out.writeUInt32BE(crc32(out.subarray(HEAD)), 4);
  return out;
}

export interface DecodedJournal {
  records: JournalRecord[];
  /** Where the valid part ends; anything after it is a torn or corrupt tail. */
  validLength: number;
}

export function decodeJournal(data: Buffer): DecodedJournal {
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('not a generated-files journal (bad header)');
  }
  const records: JournalRecord[] = [];
  let at = MAGIC.length;
  while (at + HEAD <= data.length) {
    const bodyLength = data.readUInt32BE(at);
    const end = at + HEAD + bodyLength;
    if (bodyLength < 13 || end > data.length) break;
    const body = data.subarray(at + HEAD, end);
    if (crc32(body) !== data.readUInt32BE(at + 4)) break;
    const record = decodeBody(body);
    if (!record) break;
    records.push(record);
    at = end;
  }
  return { records, validLength: at };
}

function decodeBody(body: Buffer): JournalRecord | null {
  const op = body.readUInt8(0);
  const mtime = body.readDoubleBE(1);
  let at = 9;
  const pluginLength = body.readUInt16BE(at);
  at += 2;
  if (at + pluginLength + 2 > body.length) return null;
  const plugin = body.toString('utf8', at, at + pluginLength);
  at += pluginLength;
  const nameLength = body.readUInt16BE(at);
  at += 2;
  if (at + nameLength > body.length) return null;
  const name = body.toString('utf8', at, at + nameLength);
  at += nameLength;
  if (op === OPS.write) return { op: 'write', plugin, name, mtime, content: Buffer.from(body.subarray(at)) };
  if (op === OPS.remove && at === body.length) return { op: 'remove', plugin, name, mtime };
  return null;
}
