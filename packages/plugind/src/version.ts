/**
 * Debian version comparison (epoch:upstream-revision, dpkg's ordering), used for every version
 * check: min/max Wazo version, market `upgradable`, upgrades. It orders `17.09 < 17.10`,
 * `1.0.0 < 1.0.0-1`, `1.0.0-2 < 1.0.0-10` and `1.0~rc1 < 1.0` like dpkg does.
 */

const VERSION_RE = /^(?:(\d+):)?([0-9][A-Za-z0-9.+~-]*?)(?:-([A-Za-z0-9.+~]+))?$/;

export interface ParsedVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

/** Parses a Debian version; undefined when it is not one (dpkg-deb would refuse it). */
export function parseVersion(v: string): ParsedVersion | undefined {
  const m = VERSION_RE.exec(v);
  if (!m) return undefined;
  return { epoch: m[1] ? Number(m[1]) : 0, upstream: m[2]!, revision: m[3] ?? '' };
}

export function isValidVersion(v: string): boolean {
  return parseVersion(v) !== undefined;
}

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let diff = 0;
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const ac = i < a.length && !/\d/.test(a[i]!) ? a[i] : undefined;
      const bc = j < b.length && !/\d/.test(b[j]!) ? b[j] : undefined;
      const oa = order(ac);
      const ob = order(bc);
      if (oa !== ob) return oa - ob;
      if (ac !== undefined) i++;
      if (bc !== undefined) j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && /\d/.test(a[i]!) && j < b.length && /\d/.test(b[j]!)) {
      if (diff === 0) diff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /\d/.test(a[i]!)) return 1;
    if (j < b.length && /\d/.test(b[j]!)) return -1;
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Compares two versions: negative, zero or positive. Empty or missing versions are the lowest.
 * Strings that are not Debian versions fall back to the same algorithm on the raw text.
 */
export function compareVersions(a: string | null | undefined, b: string | null | undefined): number {
  const ea = a === null || a === undefined || a === '';
  const eb = b === null || b === undefined || b === '';
  if (ea || eb) return ea && eb ? 0 : ea ? -1 : 1;
  const pa = parseVersion(a) ?? { epoch: 0, upstream: a, revision: '' };
  const pb = parseVersion(b) ?? { epoch: 0, upstream: b, revision: '' };
  if (pa.epoch !== pb.epoch) return pa.epoch - pb.epoch;
  const u = comparePart(pa.upstream, pb.upstream);
  if (u !== 0) return Math.sign(u);
  return Math.sign(comparePart(pa.revision, pb.revision));
}

export function lessThan(a: string | null | undefined, b: string | null | undefined): boolean {
  return compareVersions(a, b) < 0;
}
