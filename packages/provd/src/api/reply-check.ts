import { isDeepStrictEqual } from 'node:util';

/** The first place where `sent` (what the serializer wrote) differs from `meant` (what the handler gave), or null. */
export function firstDifference(meant: unknown, sent: unknown, path = ''): string | null {
  if (isDeepStrictEqual(meant, sent)) return null;
  const bothObjects = meant !== null && sent !== null && typeof meant === 'object' && typeof sent === 'object' && Array.isArray(meant) === Array.isArray(sent);
  if (!bothObjects) return `${path || '(root)'}: ${JSON.stringify(meant)} became ${JSON.stringify(sent)}`;
  const m = meant as Record<string, unknown>;
  const s = sent as Record<string, unknown>;
  for (const key of new Set([...Object.keys(m), ...Object.keys(s)])) {
    const at = Array.isArray(meant) ? `${path}[${key}]` : `${path}.${key}`;
    if (!(key in s)) return `${at}: not declared in the response schema (dropped)`;
    if (!(key in m)) return `${at}: added by the serializer`;
    const inner = firstDifference(m[key], s[key], at);
    if (inner) return inner;
  }
  return `${path || '(root)'}: key order differs`;
}
