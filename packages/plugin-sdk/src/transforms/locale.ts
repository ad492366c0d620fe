export interface LocaleInfo {
  /** `fr_FR` */
  readonly locale: string;
  /** `fr` */
  readonly language: string;
  /** `FR`, or undefined for a bare language. */
  readonly country?: string;
}

/** `fr_FR` → { locale: 'fr_FR', language: 'fr', country: 'FR' }; null when it is not a locale. */
export function localeInfo(locale: unknown): LocaleInfo | null {
  if (typeof locale !== 'string') return null;
  const m = /^([a-z]{2,3})(?:_([A-Z]{2,3}))?/.exec(locale);
  if (!m) return null;
  return m[2] === undefined ? { locale: m[1], language: m[1] } : { locale: `${m[1]}_${m[2]}`, language: m[1], country: m[2] };
}

/**
 * The vendor's code for a locale from a table keyed by locale or language
 * (`{ fr_FR: 'french', de: 'german' }`): exact locale first, then language, then `fallback`.
 */
export function mapLocale(locale: unknown, table: Readonly<Record<string, string>>, fallback?: string): string | undefined {
  const info = localeInfo(locale);
  if (!info) return fallback;
  return table[info.locale] ?? table[info.language] ?? fallback;
}
