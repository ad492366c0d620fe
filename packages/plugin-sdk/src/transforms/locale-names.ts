/**
 * Locale names phones display or expect: English language and country names (Yealink, Polycom
 * and Cisco take "French", "France"…), from node's ICU data rather than a hand-kept table.
 */
import { localeInfo } from './locale.js';

const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** `fr_FR` → `French`; undefined when not a locale or unknown. */
export function languageName(locale: unknown): string | undefined {
  const info = localeInfo(locale);
  if (!info) return undefined;
  try {
    return languages.of(info.language) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `fr_CA` → `Canada`; undefined without a country part. */
export function countryName(locale: unknown): string | undefined {
  const info = localeInfo(locale);
  if (!info?.country) return undefined;
  try {
    return regions.of(info.country) ?? undefined;
  } catch {
    return undefined;
  }
}
