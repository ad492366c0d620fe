/**
 * bench/plugin-tools (issue 14):
 *  1. build time: `dialtone-plugin build plugins/* --out <tmp>` cold (every bundle written) and
 *     again (nothing changed: what `npm start` pays); target ≤ 30 s;
 *  2. identification cost: every request of every family's test/identify.yml through provd's own
 *     extract stage over all the built families, then association over them, in µs per request;
 *     the budget is 10 % of a served request's CPU, measured in the same run (served-request.ts:
 *     provd serving a known phone's file under wrk, as bench/http's serving phase does).
 * Knobs (environment): SECONDS per identification round (default 2), ROUNDS (default 3),
 * PLUGINS (the folder of plugin sources, default <repo>/plugins).
 */
import { mkdtempSync, readdirSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, parseScenarios, renderSource, writeTargetTree, type Scenario } from '@dialtone/plugin-tools';
import { createTestHost } from '@dialtone/plugin-sdk/testing';
import { associatePlugin, extractDeviceInfo, type LoadedPlugin } from '@dialtone/provd/testing';
import type { ProvRequest } from '@dialtone/plugin-sdk';
import { servedRequestCpuUs } from './served-request.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS = Number(process.env.SECONDS ?? 2);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const pluginsDir = process.env.PLUGINS ?? join(root, 'plugins');
const sources = readdirSync(pluginsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(pluginsDir, e.name, 'plugin-info')))
  .map((e) => join(pluginsDir, e.name))
  .sort();

const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');
// on a shared machine the figures below are worth what the load lets them be: print it
console.log(`host: ${cpus().length} CPU(s), load average ${load()} (1, 5, 15 min) at start`);
const out = mkdtempSync(join(tmpdir(), 'bench-plugin-tools-'));
try {
  let t0 = performance.now();
  const cold = await build(sources, out);
  const coldS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const warm = await build(sources, out);
  const warmS = (performance.now() - t0) / 1000;
  console.log(`build: ${sources.length} source folder(s), ${cold.bundles.length} bundle(s): cold ${coldS.toFixed(2)} s, unchanged rebuild ${warmS.toFixed(2)} s (target ≤ 30 s)${warm.bundles.some((b) => b.written) ? ' — REBUILD WROTE FILES' : ''}`);

  // the built plugins, loaded as provd loads them
  const plugins: LoadedPlugin[] = [];
  const requests: ProvRequest[] = [];
  const staged = join(out, 'staged');
  for (const dir of sources) {
    const scenarioFile = join(dir, 'test', 'identify.yml');
    for (const t of await renderSource(dir)) {
      await writeTargetTree(t, join(staged, t.id));
      const host = await createTestHost(join(staged, t.id), { id: t.id });
      plugins.push({ id: t.id, dir: join(staged, t.id), info: host.info, plugin: host.plugin });
      if (!existsSync(scenarioFile)) continue;
      const values: Record<string, string> = { id: t.id, ...(t.target.firmware ? { firmware: t.target.firmware } : {}), ...t.target.params };
      const text = readFileSync(scenarioFile, 'utf8').replace(/@@(\w+)@@/g, (w, k: string) => values[k] ?? w);
      const scenarios: Scenario[] = parseScenarios(text, []);
      for (const s of scenarios) {
        for (const r of s.requests) {
          if (r.kind === 'dhcp') requests.push({ kind: 'dhcp', mac: s.mac, ip: s.ip, options: r.options });
          else if (r.kind === 'http') requests.push({ kind: 'http', method: 'GET', path: r.path, query: '', headers: r.headers, clientIp: s.ip });
          else requests.push({ kind: 'tftp', filename: r.filename, mode: 'octet', options: {}, clientIp: s.ip });
        }
      }
    }
  }
  plugins.sort((a, b) => (a.id < b.id ? -1 : 1));
  // a typical mix as well, so families without test/identify.yml still see requests (strings as phones send them)
  const ip = '10.0.0.50';
  const http = (path: string, ua: string): ProvRequest => ({ kind: 'http', method: 'GET', path, query: '', headers: { 'user-agent': ua }, clientIp: ip });
  requests.push(
    http('/001565aabbcc.cfg', 'Yealink SIP-T46S 66.86.0.15 00:15:65:aa:bb:cc'),
    http('/0004f2aabbcc-user.cfg', 'FileTransport PolycomVVX-VVX_410-UA/5.9.5.0614'),
    http('/spa504G.cfg', 'Cisco/SPA504G-7.6.2 (0004F2AABBCC)'),
    http('/Digium/000fd3054848.cfg', 'Digium D70 1.4.0.0.57389'),
    http('/favicon.ico', 'curl/8.5.0'),
    { kind: 'dhcp', mac: '00:04:f2:aa:bb:cc', ip, options: { 60: 'Cisco SPA504G' } },
    { kind: 'dhcp', mac: '00:0f:d3:05:48:48', ip, options: { 60: 'digium_D70_1_4_0_0_57389' } },
    { kind: 'tftp', filename: 'spa504G.cfg', mode: 'octet', options: {}, clientIp: ip },
  );
  const identify = async (req: ProvRequest) => {
    const x = extractDeviceInfo(req, plugins);
    const info = x instanceof Promise ? await x : x;
    return associatePlugin(info, plugins);
  };
  const extractOnly = (req: ProvRequest) => extractDeviceInfo(req, plugins);
  const measure = async (fn: (req: ProvRequest) => unknown): Promise<number> => {
    for (const req of requests) await fn(req);
    let best = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      let n = 0;
      const start = performance.now();
      const deadline = start + SECONDS * 1000;
      while (performance.now() < deadline) {
        // a batch of requests per await, as a server interleaves many requests per event-loop turn
        await Promise.all(requests.map(fn));
        n += requests.length;
      }
      best = Math.min(best, ((performance.now() - start) * 1000) / n);
    }
    return best;
  };
  // extract answers synchronously when every extractor does (a known phone's request): measured without promises
  const measureSync = (fn: (req: ProvRequest) => unknown): number => {
    let best = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      let n = 0;
      const start = performance.now();
      const deadline = start + SECONDS * 1000;
      while (performance.now() < deadline) {
        for (const req of requests) fn(req);
        n += requests.length;
      }
      best = Math.min(best, ((performance.now() - start) * 1000) / n);
    }
    return best;
  };
  const extractUs = requests.every((r) => !(extractOnly(r) instanceof Promise)) ? measureSync(extractOnly) : await measure(extractOnly);
  // the same stage with no plugin: what every request pays anyway; the difference is the families' cost
  const baseUs = measureSync((req) => extractDeviceInfo(req, []));
  const best = await measure(identify);
  console.log(
    `identification: ${requests.length} request(s) of ${plugins.length} plugin(s) (${plugins.map((p) => p.id).join(', ')}): extract ${extractUs.toFixed(2)} µs/request, extract + associate ${best.toFixed(2)} µs/request, ${(best / plugins.length).toFixed(2)} µs per plugin`,
  );
  console.log('  (a known phone is served from the provisioning cache after extract: association runs only for new or changed devices)');
  const marginal = Math.max(0, extractUs - baseUs) / plugins.length;
  console.log(`  extract with no plugin ${baseUs.toFixed(2)} µs: the families add ${(extractUs - baseUs).toFixed(2)} µs, ${marginal.toFixed(2)} µs per plugin`);
  const servedUs = await servedRequestCpuUs();
  const budgetUs = servedUs / 10;
  console.log(`  a served request costs provd ${servedUs.toFixed(1)} µs of CPU on this machine now (wrk -c64 on a known phone's file)`);
  console.log(`  budget for three added families: 10 % of that ≈ ${budgetUs.toFixed(2)} µs; three families at this rate ≈ ${(3 * marginal).toFixed(2)} µs on a known phone's request ${3 * marginal <= budgetUs ? '(within)' : '(OVER)'}`);
  console.log(`load average at the end: ${load()}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
