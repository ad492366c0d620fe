/**
 * Plugin version order: dotted parts compared as numbers when both are numeric, else as text
 * (the reference compared every part as text, so 1.0.10 < 1.0.9).
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d < 0 ? -1 : 1;
    } else if (x !== y) return nx ? -1 : ny ? 1 : x < y ? -1 : 1;
  }
  return 0;
}
