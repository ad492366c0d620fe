/** Maps a key path of a YAML document (`identify.http[0].path`) to its 1-based line. */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export function pathSegments(field: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/**
 * The line of the deepest node of `field` that exists (so a missing key points at its parent),
 * or undefined when the text is not YAML or the path starts nowhere.
 */
export function yamlLineOf(text: string, field: string): number | undefined {
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false });
  } catch {
    return undefined;
  }
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : counter.linePos(offset).line);
  let node: unknown = doc.contents;
  let line = lineAt((node as Node | null)?.range?.[0]);
  for (const seg of pathSegments(field)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(seg));
      if (!pair) return line;
      line = lineAt((pair.key as Node | null)?.range?.[0]) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return line;
      line = lineAt(item.range?.[0]) ?? line;
      node = item;
    } else return line;
  }
  return line;
}

/** The line of the first `"key"` of a JSON text (good enough for plugin-info's flat keys). */
export function jsonLineOf(text: string, key: string): number | undefined {
  const i = text.indexOf(JSON.stringify(key));
  return i === -1 ? undefined : text.slice(0, i).split('\n').length;
}
