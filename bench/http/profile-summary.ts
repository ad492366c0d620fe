// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time,
// and the project functions with the most total time (self + callees).
// Usage: node --import tsx bench/http/profile-summary.ts <file.cpuprofile> [top=25] [skip-seconds=0]
// skip-seconds leaves out the start of the profile (provd's start-up, seeding).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
const skipUs = Number(skipArg ?? 0) * 1e6;
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += profile.timeDeltas[i] ?? 0;
  if (elapsedUs >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const label = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'nm:').replace(/.*\/packages\//, '');
  return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
};

const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  self.set(label(node), (self.get(label(node)) ?? 0) + us);
  // total: count each label once per sample path
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + us);
  }
}

// self time per source file (node internals and natives grouped by their label)
const byFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  const url = node.callFrame.url;
  const key = url ? url.replace(/^file:\/\//, '').replace(/.*\/node_modules\/([^/]+).*/, 'nm:$1').replace(/.*\/packages\//, '').replace(/^data:text\/javascript.*/, '(plugin code)') : node.callFrame.functionName || '(native)';
  byFile.set(key, (byFile.get(key) ?? 0) + us);
}

const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
console.log(`profile: ${(totalUs / 1e6).toFixed(2)} s sampled`);
console.log(`\ntop ${top} by self time`);
for (const [l, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${l}`);
console.log(`\ntop ${top} files by self time`);
for (const [l, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${l}`);
console.log(`\ntop ${top} provd/sdk functions by total time (synchronous stacks only)`);
for (const [l, us] of [...total].filter(([l]) => /provd\/src|plugin-sdk|fixtures/.test(l)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${pct(us)}  ${l}`);
}
