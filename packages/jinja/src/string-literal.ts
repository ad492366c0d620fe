// Decodes the body of a template string literal the way Jinja does: non-ASCII characters are
// turned into backslash escapes, then Python's "unicode-escape" codec decodes everything.

const SIMPLE: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\x08',
  f: '\x0c',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\x0b',
  '\n': '',
};

function backslashReplace(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out;
}

function hexDigits(s: string, at: number, n: number, what: string): number {
  const text = s.slice(at, at + n);
  if (text.length < n || !/^[0-9a-fA-F]+$/.test(text)) throw new Error(`truncated ${what} escape`);
  return parseInt(text, 16);
}

/** Throws an Error whose message is what Jinja reports in its TemplateSyntaxError. */
export function decodeStringLiteral(body: string): string {
  if (!body.includes('\\') && !/[^\x00-\x7f]/.test(body)) return body;
  const s = backslashReplace(body);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = s[i + 1];
    if (next === undefined) throw new Error('\\ at end of string');
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i++;
    } else if (next >= '0' && next <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < s.length && digits.length < 3 && s[j] >= '0' && s[j] <= '7') digits += s[j++];
      out += String.fromCodePoint(parseInt(digits, 8));
      i = j - 1;
    } else if (next === 'x') {
      out += String.fromCodePoint(hexDigits(s, i + 2, 2, '\\xXX'));
      i += 3;
    } else if (next === 'u') {
      out += String.fromCharCode(hexDigits(s, i + 2, 4, '\\uXXXX'));
      i += 5;
    } else if (next === 'U') {
      const code = hexDigits(s, i + 2, 8, '\\UXXXXXXXX');
      if (code > 0x10ffff) throw new Error('illegal Unicode character');
      out += String.fromCodePoint(code);
      i += 9;
    } else if (next === 'N') {
      throw new Error('\\N{...} escapes are not supported');
    } else {
      out += '\\' + next;
      i++;
    }
  }
  return out;
}
