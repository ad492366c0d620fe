import { errors } from '../errors.js';
import { compareVersions, lessThan } from '../version.js';
import type { MarketItem, MarketVersion } from './catalogue.js';

export interface MarketQuery {
  limit?: number;
  offset?: number;
  order?: string;
  direction?: 'asc' | 'desc';
  search?: string;
  installed?: boolean;
  /** Any other query key: exact match on a top-level field. */
  filters?: Record<string, string>;
}

export interface DecoratedVersion extends MarketVersion {
  upgradable: boolean;
}

export interface DecoratedItem extends MarketItem {
  installed_version: string | null;
  versions: DecoratedVersion[];
}

/** Lower-cases and drops accents: `François` → `francois`, so `ç` finds `c`. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether a version may be installed here: within its min/max Wazo versions and newer than what
 * is installed (real version comparison, not strings).
 */
export function isUpgradable(v: MarketVersion, wazoVersion: string, installed: string | null): boolean {
  if (v.min_wazo_version && lessThan(wazoVersion, v.min_wazo_version)) return false;
  if (v.max_wazo_version && lessThan(v.max_wazo_version, wazoVersion)) return false;
  if (installed !== null && !lessThan(installed, v.version)) return false;
  return true;
}

export function decorate(item: MarketItem, wazoVersion: string, installed: string | null): DecoratedItem {
  return {
    ...item,
    installed_version: installed,
    versions: item.versions.map((v) => ({ ...v, upgradable: isUpgradable(v, wazoVersion, installed) })),
  };
}

/**
 * The version to install: the requested one if installable, else the highest installable one
 * (by version, not by market order). `reinstall` allows the installed version again.
 */
export function chooseVersion(item: MarketItem, wazoVersion: string, installed: string | null, requested?: string, reinstall = false): MarketVersion | undefined {
  const ok = (v: MarketVersion) => isUpgradable(v, wazoVersion, reinstall ? null : installed);
  if (requested !== undefined) return item.versions.find((v) => v.version === requested && ok(v));
  return [...item.versions].filter(ok).sort((a, b) => compareVersions(b.version, a.version))[0];
}

/** Folded search text of each entry, computed once per catalogue (the catalogue is cached). */
const searchIndex = new WeakMap<readonly MarketItem[], string[]>();

function searchTexts(catalogue: readonly MarketItem[]): string[] {
  let index = searchIndex.get(catalogue);
  if (!index) {
    index = catalogue.map((item) => {
      const parts: string[] = [];
      for (const value of Object.values(item)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          if (typeof v === 'string' || typeof v === 'number') parts.push(fold(String(v)));
        }
      }
      // a separator no folded value contains, so a match never spans two values
      return parts.join('\u0000');
    });
    searchIndex.set(catalogue, index);
  }
  return index;
}

/** The reference's market list: filters, search, installed filter, sort, paging, `{items, total, filtered}`. */
export function queryMarket(
  catalogue: readonly MarketItem[],
  installed: ReadonlyMap<string, string>,
  wazoVersion: string,
  q: MarketQuery,
): { items: DecoratedItem[]; total: number; filtered: number } {
  const texts = q.search ? searchTexts(catalogue) : undefined;
  const needle = q.search ? fold(q.search) : '';
  const installedOf = (i: MarketItem) => installed.get(`${i.namespace}/${i.name}`) ?? null;
  let items = texts ? catalogue.filter((_i, n) => texts[n]!.includes(needle)) : [...catalogue];
  for (const [key, want] of Object.entries(q.filters ?? {})) {
    items = items.filter((i) => i[key] !== undefined && i[key] !== null && String(i[key]) === want);
  }
  if (q.installed !== undefined) items = items.filter((i) => (installedOf(i) !== null) === q.installed);
  const order = q.order ?? 'name';
  const val = (i: MarketItem) => (order === 'installed_version' ? installedOf(i) : i[order]);
  const kinds = new Set(items.map(val).filter((v) => v !== undefined && v !== null).map((v) => typeof v));
  if (kinds.size > 1 || [...kinds].some((k) => k !== 'string' && k !== 'number')) {
    throw errors.invalidSort(`market entries cannot be ordered by ${order}`, { order });
  }
  const dir = q.direction === 'desc' ? -1 : 1;
  items.sort((a, b) => {
    const va = val(a) as string | number | undefined | null;
    const vb = val(b) as string | number | undefined | null;
    const ma = va === undefined || va === null;
    const mb = vb === undefined || vb === null;
    if (ma || mb) return ma && mb ? 0 : ma ? 1 : -1; // missing keys last, whatever the direction
    return (va < vb ? -1 : va > vb ? 1 : 0) * dir;
  });
  const filtered = items.length;
  const offset = q.offset ?? 0;
  const page = items.slice(offset, q.limit === undefined ? undefined : offset + q.limit);
  // only the page is decorated: version checks are the costly part
  return {
    items: page
      .map((i) => decorate(i, wazoVersion, installedOf(i)))
      .map((i) => ({ ...i, versions: i.versions.map(({ method: _m, options: _o, ...rest }) => rest as DecoratedVersion) })),
    total: catalogue.length,
    filtered,
  };
}
