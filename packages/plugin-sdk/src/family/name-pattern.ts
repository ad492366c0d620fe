/**
 * File-name patterns of family.yml: text with `{{ name }}` placeholders (only placeholders, not
 * Jinja), e.g. `Digium/{{ mac }}.cfg`.
 */
export const DEVICE_PLACEHOLDERS = ['mac', 'model', 'vendor', 'version', 'sn', 'uuid', 'id'] as const;
export type DevicePlaceholder = (typeof DEVICE_PLACEHOLDERS)[number];

export interface NamePattern {
  readonly source: string;
  readonly parts: ReadonlyArray<string | { readonly placeholder: string }>;
  readonly placeholders: ReadonlySet<string>;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

export function parseNamePattern(source: string): NamePattern {
  const parts: Array<string | { placeholder: string }> = [];
  const placeholders = new Set<string>();
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(source.slice(last, m.index));
    parts.push({ placeholder: m[1] });
    placeholders.add(m[1]);
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  return { source, parts, placeholders };
}

/** The expanded name, or null when a placeholder has no value. */
export function expandNamePattern(pattern: NamePattern, values: Readonly<Record<string, string | undefined>>): string | null {
  let out = '';
  for (const part of pattern.parts) {
    if (typeof part === 'string') out += part;
    else {
      const v = values[part.placeholder];
      if (v === undefined || v === '') return null;
      out += v;
    }
  }
  return out;
}
