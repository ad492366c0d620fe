// Python's textwrap.wrap() as used by the wordwrap filter (expand_tabs=False,
// replace_whitespace=False, drop_whitespace=True).
import { valueError } from '../errors.js';
import { codePoints } from '../runtime/protocol.js';

const W = '[\\p{L}\\p{N}_]';
const WP = '[\\p{L}\\p{N}_!"\'&.,?]';
const LT = '[\\p{L}\\p{Nl}\\p{No}_]';
const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';

const WORDSEP = new RegExp(
  `(${WS}+|(?<=${WP})-{2,}(?=${W})|${NWS}+?(?:-(?:(?<=${LT}{2}-)|(?<=${LT}-${LT}-))(?=${LT}-?${LT})|(?=${WS}|$)|(?<=${WP})(?=-{2,}${W})))`,
  'u',
);
const WORDSEP_SIMPLE = new RegExp(`(${WS}+)`, 'u');

const len = (s: string): number => codePoints(s).length;
const isBlank = (s: string): boolean => /^[\s\x1c-\x1f\x85]*$/u.test(s);

function handleLongWord(chunks: string[], line: string[], curLen: number, width: number, breakLong: boolean, breakHyphens: boolean): void {
  const spaceLeft = width < 1 ? 1 : width - curLen;
  if (breakLong) {
    let end = spaceLeft;
    const chunk = codePoints(chunks[chunks.length - 1]);
    if (breakHyphens && chunk.length > spaceLeft) {
      const hyphen = chunk.slice(0, spaceLeft).lastIndexOf('-');
      if (hyphen > 0 && chunk.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
    }
    line.push(chunk.slice(0, end).join(''));
    chunks[chunks.length - 1] = chunk.slice(end).join('');
  } else if (!line.length) line.push(chunks.pop()!);
}

export function wordwrap(text: string, width: number, breakLong: boolean, breakHyphens: boolean): string[] {
  const chunks = text.split(breakHyphens ? WORDSEP : WORDSEP_SIMPLE).filter((c) => c);
  if (width <= 0) throw valueError(`invalid width ${width} (must be > 0)`);
  const lines: string[] = [];
  chunks.reverse();
  while (chunks.length) {
    const line: string[] = [];
    let curLen = 0;
    if (isBlank(chunks[chunks.length - 1]) && lines.length) chunks.pop();
    while (chunks.length) {
      const l = len(chunks[chunks.length - 1]);
      if (curLen + l <= width) {
        line.push(chunks.pop()!);
        curLen += l;
      } else break;
    }
    if (chunks.length && len(chunks[chunks.length - 1]) > width) {
      handleLongWord(chunks, line, curLen, width, breakLong, breakHyphens);
      curLen = line.reduce((n, c) => n + len(c), 0);
    }
    if (line.length && isBlank(line[line.length - 1])) {
      curLen -= len(line[line.length - 1]);
      line.pop();
    }
    if (line.length) lines.push(line.join(''));
  }
  return lines;
}
