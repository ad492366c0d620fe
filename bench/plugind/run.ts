/**
 * bench/plugind: the time from `POST /plugins` to `completed` for the seed's hello-world plugin
 * with each backend (targets: dir ≤ 1 s, deb ≤ 3 s), and market search latency over a
 * 2,000-entry catalogue (target: p99 ≤ 20 ms), through the REST API on loopback.
 * ROUNDS=<n> installs per backend (default 5; each round is a reinstall of the same plugin).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createPlugind, type PlugindOptions } from '@dialtone/plugind';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SEARCHES = 500;
const TARGET = { dirMs: 1000, debMs: 3000, searchP99Ms: 20 };
const work = mkdtempSync(join(tmpdir(), 'bench-plugind-'));

/** The seed's hello-world plugin as a git repository; `asterisk` is a no-op stand-in on PATH. */
function helloWorldRepo(): string {
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'asterisk'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  process.env.PATH = `${bin}:${process.env.PATH}`;
  const repo = join(work, 'helloworld');
  mkdirSync(join(repo, 'wazo'), { recursive: true });
  writeFileSync(join(repo, 'wazo/plugin.yml'), 'namespace: demo\nname: helloworld\ndescription: Adds the extension "***42"\nversion: 0.0.1\nplugin_format_version: 0\n');
  writeFileSync(
    join(repo, 'wazo/rules'),
    '#!/bin/sh\ncase "$1" in\n  build) ;;\n  package)\n    mkdir -p ${pkgdir}/etc/asterisk/extensions_extra.d\n    cp helloworld.conf ${pkgdir}/etc/asterisk/extensions_extra.d/\n    ;;\n  install) asterisk -x \'dialplan reload\' ;;\n  uninstall) ;;\n  *) exit 1 ;;\nesac\n',
  );
  chmodSync(join(repo, 'wazo/rules'), 0o755);
  writeFileSync(join(repo, 'helloworld.conf'), '[xivo-extrafeatures]\nexten = ***42,1,Playback(hello-world)\nsame = n,Return()\n');
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'hello']]) execFileSync('git', args, { cwd: repo, env });
  return `file://${repo}`;
}

async function start(name: string, opts: Partial<PlugindOptions>) {
  const dataDir = join(work, name, 'data');
  const p = createPlugind({ dataDir, port: 0, logger: pino({ level: 'silent' }), ...opts });
  const { url } = await p.listen();
  const token = readFileSync(p.adminTokenFile, 'utf8').trim();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: { 'x-auth-token': token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return (await res.json()) as Record<string, unknown>;
  };
  return { p, call };
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)]!;
const fmt = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (value: number, target: number) => (value <= target ? 'ok' : 'MISSED');

async function installRounds(kind: 'dir' | 'deb', url: string): Promise<{ times: number[]; steps: string }> {
  const { p, call } = await start(kind, kind === 'dir' ? { backend: 'dir', prefix: join(work, kind, 'prefix') } : { backend: 'deb', debRoot: join(work, kind, 'root') });
  const times: number[] = [];
  let steps = '';
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const { uuid } = (await call('POST', `/0.2/plugins${i ? '?reinstall=true' : ''}`, { method: 'git', options: { url } })) as { uuid: string };
      let job = p.service.jobs.get(uuid)!;
      await new Promise<void>((resolve) => {
        const check = () => {
          job = p.service.jobs.get(uuid)!;
          if (job.finishedAt) return resolve();
          p.service.jobs.once('event', check);
        };
        check();
      });
      times.push(performance.now() - t0);
      if (job.status !== 'completed') throw new Error(`${kind} install failed: ${job.errors?.message}`);
      // where the last round's time went: each status until the next one
      steps = job.history
        .slice(0, -1)
        .map((h, n) => `${h.status} ${Date.parse(job.history[n + 1]!.time) - Date.parse(h.time)}`)
        .join(', ');
    }
  } finally {
    await p.close();
  }
  return { times, steps };
}

async function marketSearch(): Promise<number[]> {
  const words = ['conference', 'voicemail', 'queue', 'parking', 'fax', 'paging', 'callback', 'wallboard', 'recording', 'chat'];
  const items = Array.from({ length: 2000 }, (_, i) => ({
    namespace: `vendor${i % 40}`,
    name: `${words[i % words.length]}-${i}`,
    display_name: `${words[(i * 7) % words.length]} ${i} für Büro`,
    author: `Author ${i % 97}`,
    tags: [words[(i * 3) % words.length], 'pbx'],
    versions: [
      { version: '1.0.0', method: 'git', options: { url: `https://example.org/p${i}`, ref: 'v1' } },
      { version: '1.2.0', method: 'git', options: { url: `https://example.org/p${i}`, ref: 'v1.2' }, min_wazo_version: '24.01' },
    ],
  }));
  const file = join(work, 'market.json');
  writeFileSync(file, JSON.stringify({ items }));
  const { p, call } = await start('market', { marketUrl: file, marketTtlMs: 3_600_000, prefix: join(work, 'market', 'prefix') });
  const times: number[] = [];
  try {
    await call('GET', '/0.2/market?limit=1');
    for (let i = 0; i < SEARCHES; i++) {
      const q = new URLSearchParams({ search: i % 2 ? words[i % words.length]! : 'BÜRO', limit: '20', offset: String((i % 5) * 20), order: 'name' });
      const t0 = performance.now();
      const r = await call('GET', `/0.2/market?${q}`);
      times.push(performance.now() - t0);
      if (typeof r.filtered !== 'number') throw new Error('bad market answer');
    }
  } finally {
    await p.close();
  }
  return times;
}

try {
  const [l1] = loadavg();
  console.log(`load average ${l1!.toFixed(1)} on ${availableParallelism()} CPUs (figures taken on a busy machine are not comparable with the targets)`);
  const url = helloWorldRepo();
  console.log(`hello-world install, POST to completed, ${ROUNDS} rounds (first a fresh install, then reinstalls):`);
  for (const [kind, target] of [['dir', TARGET.dirMs], ['deb', TARGET.debMs]] as const) {
    const { times: t, steps } = await installRounds(kind, url);
    const median = pct(t, 50);
    console.log(`  ${kind}: median ${fmt(median)}  min ${fmt(Math.min(...t))}  max ${fmt(Math.max(...t))}  first ${fmt(t[0]!)}  target ≤ ${target} ms: ${verdict(Math.max(...t), target)}`);
    console.log(`    last round, ms per status: ${steps}`);
  }
  const s = await marketSearch();
  console.log(`market search over 2,000 entries (${SEARCHES} GET /0.2/market?search=…, sequential, cached catalogue):`);
  console.log(`  p50 ${fmt(pct(s, 50))}  p99 ${fmt(pct(s, 99))}  max ${fmt(Math.max(...s))}  target p99 ≤ ${TARGET.searchP99Ms} ms: ${verdict(pct(s, 99), TARGET.searchP99Ms)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
