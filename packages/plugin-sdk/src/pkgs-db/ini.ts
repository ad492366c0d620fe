/**
 * A reader for the INI dialect of Python's RawConfigParser (defaults): `[section]` headers,
 * `key: value` or `key = value` (the first delimiter splits), full-line `#`/`;` comments, values
 * continued on more-indented lines (blank lines inside kept), option names lower-cased, values
 * trimmed, no interpolation, `[DEFAULT]` keys inherited by every section. Several documents merge
 * like successive `read()` calls: a section may continue in a later document, not repeat in one.
 */
import { SdkError, SdkErrorCode } from '../errors.js';

export interface IniDocument {
  readonly text: string;
  /** For error messages. */
  readonly source?: string;
}

export type IniSections = Map<string, Map<string, string>>;

export function parseIni(documents: readonly IniDocument[]): IniSections {
  const sections: IniSections = new Map();
  const defaults = new Map<string, string>();
  for (const doc of documents) readDocument(doc, sections, defaults);
  for (const options of sections.values()) {
    for (const [k, v] of defaults) if (!options.has(k)) options.set(k, v);
  }
  return sections;
}

function readDocument(doc: IniDocument, sections: IniSections, defaults: Map<string, string>): void {
  const source = doc.source ?? '<ini>';
  const seenSections = new Set<string>();
  let current: Map<string, string> | null = null;
  let seenOptions = new Set<string>();
  let option: string | null = null;
  let lines: string[] = [];
  let indentLevel = 0;
  const flush = () => {
    if (current && option !== null) current.set(option, lines.join('\n').trimEnd());
    option = null;
    lines = [];
  };
  const fail = (lineNo: number, why: string): never => {
    throw new SdkError(SdkErrorCode.PKGS_DB_SYNTAX, `${source}:${lineNo}: ${why}`, { source, line: lineNo });
  };

  const rawLines = doc.text.split(/\r\n|\n|\r/);
  for (let i = 0; i < rawLines.length; i++) {
    const line = rawLines[i];
    const stripped = line.trim();
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    if (stripped === '' || isComment) {
      if (!isComment && option !== null) lines.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (current && option !== null && indent > indentLevel) {
      lines.push(stripped);
      continue;
    }
    indentLevel = indent;
    const header = /^\[(.+)\]/.exec(stripped);
    if (header) {
      flush();
      const name = header[1];
      if (seenSections.has(name)) fail(i + 1, `section [${name}] appears twice`);
      seenSections.add(name);
      seenOptions = new Set();
      if (name === 'DEFAULT') current = defaults;
      else {
        current = sections.get(name) ?? new Map();
        sections.set(name, current);
      }
      continue;
    }
    if (current === null) fail(i + 1, 'an option before any [section] header');
    const opt = /^(.*?)\s*([=:])\s*(.*)$/.exec(stripped);
    if (!opt || opt[1].trimEnd() === '') fail(i + 1, `cannot parse ${JSON.stringify(stripped)} (expected "key: value")`);
    flush();
    const name = opt![1].trimEnd().toLowerCase();
    if (seenOptions.has(name)) fail(i + 1, `option "${name}" appears twice in its section`);
    seenOptions.add(name);
    option = name;
    lines = [opt![3]];
  }
  flush();
}
