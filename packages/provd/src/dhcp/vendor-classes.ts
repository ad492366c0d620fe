/**
 * The DHCP vendor classes (option 60) that the installed families recognise, read from their
 * declarative identification rules, as what a DHCP server can match on: a literal prefix.
 */
import type { Family } from '@dialtone/plugin-sdk';

export interface VendorClass {
  /** The plugin whose rule it is (also the class name: `dialtone-<plugin>`, then `-2`, `-3`…). */
  readonly plugin: string;
  readonly name: string;
  readonly vendor: string;
  /** What option 60 starts with. */
  readonly prefix: string;
}

export interface SkippedRule {
  readonly plugin: string;
  readonly pattern: string;
  readonly reason: string;
}

const META = new Set(['.', '[', ']', '(', ')', '{', '}', '*', '+', '?', '|', '$', '^']);
const QUANTIFIERS = new Set(['*', '+', '?', '{']);
/** Escapes that stand for one literal character. */
const LITERAL_ESCAPES = new Set(['.', '-', '_', ' ', '/', '\\', '(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '$', '^', ':']);

/** The literal text a start-anchored regex requires first, or null when it has none. */
export function literalPrefix(source: string): string | null {
  if (!source.startsWith('^')) return null;
  let prefix = '';
  for (let i = 1; i < source.length; i++) {
    const c = source[i] as string;
    let literal: string;
    let width = 1;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined || !LITERAL_ESCAPES.has(next)) break;
      literal = next;
      width = 2;
    } else if (META.has(c)) {
      // an alternation at the top level makes the prefix so far optional
      if (c === '|') return null;
      break;
    } else {
      literal = c;
    }
    // a quantifier after this character makes it optional or repeated: stop before it
    if (QUANTIFIERS.has(source[i + width] ?? '')) break;
    prefix += literal;
    i += width - 1;
  }
  return prefix.length > 0 ? prefix : null;
}

/** DHCP servers compare bytes: a prefix must be printable ASCII that needs no quoting tricks. */
const SAFE = /^[\x20-\x7e]+$/;

export function vendorClasses(families: ReadonlyArray<{ plugin: string; family: Family }>): { classes: VendorClass[]; skipped: SkippedRule[] } {
  const classes: VendorClass[] = [];
  const skipped: SkippedRule[] = [];
  const seen = new Set<string>();
  for (const { plugin, family } of [...families].sort((a, b) => a.plugin.localeCompare(b.plugin))) {
    let n = 0;
    for (const rule of family.identify.dhcp) {
      if (rule.source.kind !== 'dhcp-option' || rule.source.option !== 60) continue;
      const pattern = rule.regex.source;
      const prefix = literalPrefix(pattern);
      const reason = prefix === null ? 'no literal prefix to match on' : rule.regex.flags.includes('i') ? 'case-insensitive' : !SAFE.test(prefix) || prefix.includes('"') || prefix.includes("'") ? 'characters a DHCP server cannot be given' : null;
      if (reason || prefix === null) {
        skipped.push({ plugin, pattern, reason: reason ?? 'no literal prefix' });
        continue;
      }
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      n++;
      classes.push({ plugin, name: n === 1 ? `dialtone-${plugin}` : `dialtone-${plugin}-${n}`, vendor: family.vendor, prefix });
    }
  }
  return { classes, skipped };
}
