import { SdkError, SdkErrorCode } from '../errors.js';

export type TextEncoding = 'utf-8' | 'latin-1' | 'ascii';
/** What to do with a character the encoding cannot hold (Python's `errors=`). */
export type EncodeErrors = 'strict' | 'ignore' | 'replace';

const ALIASES: Record<string, TextEncoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8',
  'latin-1': 'latin-1', latin1: 'latin-1', 'iso-8859-1': 'latin-1', 'iso8859-1': 'latin-1',
  ascii: 'ascii', 'us-ascii': 'ascii',
};

export function resolveEncoding(name: string): TextEncoding {
  const enc = ALIASES[name.toLowerCase()];
  if (!enc) throw new SdkError(SdkErrorCode.ENCODING, `unsupported encoding "${name}" (utf-8, latin-1 or ascii)`, { encoding: name });
  return enc;
}

/** Encodes rendered text like Python's `str.encode(encoding, errors)` for the three encodings plugins use. */
export function encodeText(text: string, encoding: string = 'utf-8', errors: EncodeErrors = 'strict'): Buffer {
  const enc = resolveEncoding(encoding);
  if (enc === 'utf-8') return Buffer.from(text, 'utf8');
  const max = enc === 'ascii' ? 0x7f : 0xff;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= max) continue;
    if (errors === 'strict') {
      throw new SdkError(SdkErrorCode.ENCODING, `character U+${code.toString(16).toUpperCase().padStart(4, '0')} at ${i} cannot be encoded in ${enc}`, { encoding: enc, position: i });
    }
    out += text.slice(from, i) + (errors === 'replace' ? '?' : '');
    // A surrogate pair is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    from = i + 1;
  }
  return Buffer.from(out + text.slice(from), 'latin1');
}
