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

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** dpkg's order of non-digit characters: ~ first, then the end of the part, then letters, then the rest. */
function order(code: number): number {
  if (Number.isNaN(code)) return 0;
  if (code === 126) return -1;
  if (isLetter(code)) return code;
  return code + 256;
}

function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = i < a.length && !isDigit(a.charCodeAt(i)) ? a.charCodeAt(i) : NaN;
      const bc = j < b.length && !isDigit(b.charCodeAt(j)) ? b.charCodeAt(j) : NaN;
      const oa = order(ac);
      const ob = order(bc);
      if (oa !== ob) return oa - ob;
      if (!Number.isNaN(ac)) i++;
      if (!Number.isNaN(bc)) j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    let diff = 0;
    while (i < a.length && isDigit(a.charCodeAt(i)) && j < b.length && isDigit(b.charCodeAt(j))) {
      if (diff === 0) diff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
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
