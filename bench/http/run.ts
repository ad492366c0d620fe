/**
 * bench/http (issue 4): provd's HTTP provisioning server against nginx, in one run.
 *  1. serving: wrk (64 connections) on one configured device's file, provd vs nginx serving the
 *     same bytes from disk; target provd ≥ 0.5× nginx's requests/s;
 *  2. first contact of 2,000 unknown phones (distinct MACs and addresses): ≥ 1,500 phones/s, no errors;
 *  3. reconfigure of 10,000 devices under one parent config: ≤ 5 s, with serving p99 ≤ 50 ms meanwhile;
 *  4. flood (issue 21): 20,000 idle connections on the provisioning port while REST and TFTP must
 *     answer every probe; then one source guessing MACs: ≤ 10 answered guesses/s after the burst.
 * provd, nginx and wrk each run in their own process. Knobs (environment): PHASES (a subset of
 * serving,first,reconfigure,flood), ROUNDS, ROUND_SECONDS, FLOOD_CONNECTIONS, FLOOD_SECONDS, GUESS_SECONDS,
 * WARMUP_SECONDS, PHONES, DEVICES, NGINX_WORKERS, WRK_THREADS, BENCH_PROFILE=<dir> (provd CPU
 * profile, summarize with profile-summary.ts), BENCH_WRITE_DOCS=1 (regenerates the section of
 * docs/reference/benchmarks.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstContact } from './first-contact.js';
import { flood, guessRate } from './flood.js';
import { ensureBinaries, startNginx, startProvd, type NginxChild, type ProvdChild } from './processes.js';
import { reconfigure } from './reconfigure.js';
import { machine, row, table, writeDocs, type Row } from './report.js';
import { ProvdClient } from '@dialtone/provd-client';
import { configuredDevice, measureServing, mirrorForNginx } from './serving.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONNECTIONS = 64;
const load = {
  connections: CONNECTIONS,
  threads: env('WRK_THREADS', 1),
  warmupSeconds: env('WARMUP_SECONDS', 2),
  seconds: env('ROUND_SECONDS', 5),
  rounds: env('ROUNDS', 2),
};
const PHONES = env('PHONES', 2000);
const DEVICES = env('DEVICES', 10_000);
const NGINX_WORKERS = env('NGINX_WORKERS', 1);
const TARGET = { ratio: 0.5, phonesPerSecond: 1500, reconfigureSeconds: 5, p99Ms: 50, guessesPerSecond: 10 };
const FLOOD_CONNECTIONS = env('FLOOD_CONNECTIONS', 20_000);
const FLOOD_SECONDS = env('FLOOD_SECONDS', 10);
const GUESS_SECONDS = env('GUESS_SECONDS', 30);

const PHASES = new Set((process.env.PHASES ?? 'serving,first,reconfigure,flood').split(','));

ensureBinaries({ nginx: 'nginx', wrk: 'wrk' });
const about = machine();
console.log(about.join('\n'));
const tmp = mkdtempSync(join(tmpdir(), 'bench-http-'));
const rows: Row[] = [];
const notes: string[] = [];
let provd: ProvdChild | undefined;
let nginx: NginxChild | undefined;
try {
  const profile = process.env.BENCH_PROFILE;
  provd = await startProvd(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []);
  const rest = new ProvdClient({ url: provd.rest, token: provd.token });
  const device = await configuredDevice(rest, provd);

  if (PHASES.has('serving')) {
    mirrorForNginx(join(tmp, 'www'), device);
    nginx = await startNginx(join(tmp, 'nginx'), join(tmp, 'www'), NGINX_WORKERS);
    console.log(`\n1. serving ${device.path} (${device.bytes.length} bytes): wrk -t${load.threads} -c${CONNECTIONS}, ${load.warmupSeconds} s warm-up each, then ${load.rounds} alternating rounds of ${load.seconds} s`);
    console.log(`   nginx: ${NGINX_WORKERS} worker process (provd is one process too), sendfile, no access log; provd: log level silent, NODE_ENV=production`);
    const serving = await measureServing(tmp, provd, nginx, device, load);
    await nginx.stop();
    nginx = undefined;
    for (const [name, r] of [['nginx', serving.nginx], ['provd', serving.provd]] as const) {
      console.log(`   ${name}: ${r.perSecond.toFixed(0)} req/s (${r.requests} in ${r.seconds.toFixed(1)} s), p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ${r.errors} errors`);
    }
    console.log(`   provd/nginx: ${serving.ratio.toFixed(3)} (rounds: ${serving.roundRatios.map((r) => r.toFixed(3)).join(', ')})`);
    const cpu = serving.cpuPerRequestUs;
    console.log(`   server CPU per request: nginx ${cpu.nginx.toFixed(1)} µs, provd ${cpu.provd.toFixed(1)} µs (nginx/provd ${(cpu.nginx / cpu.provd).toFixed(3)}: the same comparison, less sensitive to other load)`);
    rows.push({ ...row('serving: provd/nginx req/s', serving.ratio, TARGET.ratio, '', false, 3), measured: `${serving.provd.perSecond.toFixed(0)}/${serving.nginx.perSecond.toFixed(0)} = ${serving.ratio.toFixed(3)}` });
    notes.push(
      `serving: wrk -t${load.threads} -c${CONNECTIONS}, ${load.rounds} alternating rounds of ${load.seconds} s after ${load.warmupSeconds} s warm-up; nginx ${NGINX_WORKERS} worker, sendfile, no access log; provd log level silent, NODE_ENV=production`,
      `nginx ${serving.nginx.perSecond.toFixed(0)} req/s (p99 ${serving.nginx.latencyMs.p99} ms); provd ${serving.provd.perSecond.toFixed(0)} req/s (p99 ${serving.provd.latencyMs.p99} ms); per-round ratios ${serving.roundRatios.map((r) => r.toFixed(3)).join(', ')}; server CPU per request nginx ${serving.cpuPerRequestUs.nginx.toFixed(1)} µs, provd ${serving.cpuPerRequestUs.provd.toFixed(1)} µs`,
    );
  }

  if (PHASES.has('first')) {
    console.log(`\n2. first contact: ${PHONES} unknown phones, 64 at a time, each from its own address`);
    console.log('   (provd trusts one proxy, http.trusted_proxies_count: 1, so X-Forwarded-For is the phone\'s address;');
    console.log('   an autocreate config exists, so each first GET adds, associates, configures and serves 200)');
    const first = await firstContact(rest, provd, PHONES, 64);
    console.log(`   ${first.perSecond.toFixed(0)} phones/s (${first.phones} in ${first.seconds.toFixed(2)} s), latency p50 ${first.latencyMs.p50.toFixed(1)} ms p99 ${first.latencyMs.p99.toFixed(1)} ms, provd CPU ${first.cpuMsPerPhone.toFixed(2)} ms per phone (event loop ${first.mainThreadMsPerPhone.toFixed(2)} ms)`);
    console.log(`   ${first.errors} errors${first.samples.length ? `: ${first.samples.join('; ')}` : ''}; devices created ${first.devices}, configured ${first.configured}`);
    rows.push(
      row('first contact: phones/s', first.perSecond, TARGET.phonesPerSecond, ''),
      { figure: 'first contact: errors', measured: `${first.errors} (${first.configured}/${PHONES} configured)`, target: '= 0', ratio: first.errors === 0 ? 1 : 0, pass: first.errors === 0 && first.configured === PHONES },
    );
    notes.push(`first contact: ${first.phones} phones, 64 concurrent, latency p50 ${first.latencyMs.p50.toFixed(1)} ms, p99 ${first.latencyMs.p99.toFixed(1)} ms, provd CPU ${first.cpuMsPerPhone.toFixed(2)} ms per phone (all threads; event loop ${first.mainThreadMsPerPhone.toFixed(2)} ms); ${first.configured} configured`);
  }

  if (PHASES.has('reconfigure')) {
    console.log(`\n3. reconfigure: ${DEVICES} devices, each with its own config under one parent; PUT the parent while wrk -c${CONNECTIONS} loads ${device.path}`);
    const re = await reconfigure(tmp, rest, provd, device, DEVICES, CONNECTIONS);
    console.log(`   seeded in ${re.seedSeconds.toFixed(1)} s over REST`);
    console.log(`   reconfigured ${re.reconfigured} (${re.failed} failed) in ${re.seconds.toFixed(2)} s; new parent value in a probed file: ${re.verified ? 'yes' : 'NO'}`);
    console.log(`   serving meanwhile: ${re.serving.perSecond.toFixed(0)} req/s, p50 ${re.serving.latencyMs.p50} ms, p99 ${re.serving.latencyMs.p99} ms, max ${re.serving.latencyMs.max} ms, ${re.serving.errors} errors`);
    const done = row(`reconfigure ${DEVICES} devices`, re.seconds, TARGET.reconfigureSeconds, ' s', true, 2);
    if (re.reconfigured !== DEVICES || re.failed || !re.verified) {
      Object.assign(done, { pass: false, measured: `${done.measured} (${re.reconfigured} done, ${re.failed} failed${re.verified ? '' : ', unverified'})` });
    }
    const p99 = row('serving p99 during reconfigure', re.serving.latencyMs.p99, TARGET.p99Ms, ' ms', true, 1);
    if (re.serving.errors) Object.assign(p99, { pass: false, measured: `${p99.measured} (${re.serving.errors} errors)` });
    rows.push(done, p99);
    notes.push(`reconfigure: ${DEVICES} devices (one config each under one parent, seeded in ${re.seedSeconds.toFixed(1)} s); serving meanwhile ${re.serving.perSecond.toFixed(0)} req/s, p50 ${re.serving.latencyMs.p50} ms, max ${re.serving.latencyMs.max} ms`);
  }

  if (PHASES.has('flood')) {
    // its own provd (with TFTP), so the flood leaves the other figures alone
    await provd.stop();
    provd = await startProvd([], { tftp: true });
    const floodRest = new ProvdClient({ url: provd.rest, token: provd.token });
    const served = await configuredDevice(floodRest, provd);
    console.log(`\n4. flood: ${FLOOD_CONNECTIONS} idle connections to the HTTP provisioning port (2 processes, 200 loopback source addresses) for ${FLOOD_SECONDS} s;`);
    console.log('   meanwhile every 100 ms: GET /0.2/status, a TFTP read of the device file, an HTTP GET of it from another address (default limits)');
    const f = await flood(floodRest, provd, served, FLOOD_CONNECTIONS, FLOOD_SECONDS);
    const line = (name: string, p: { tries: number; ok: number; maxMs: number }) => `${name} ${p.ok}/${p.tries} (max ${p.maxMs.toFixed(0)} ms)`;
    console.log(`   connections open at once at most ${f.peakOpen}, closed by provd ${f.closedByServer} (reopened after 200 ms)`);
    console.log(`   answered: ${line('REST', f.rest)}, ${line('TFTP', f.tftp)}, ${line('HTTP from another address', f.http)}`);
    rows.push(
      { figure: `flood: REST answered`, measured: `${f.rest.ok}/${f.rest.tries}`, target: 'all', ratio: f.rest.ok / Math.max(1, f.rest.tries), pass: f.rest.tries > 0 && f.rest.ok === f.rest.tries },
      { figure: `flood: TFTP answered`, measured: `${f.tftp.ok}/${f.tftp.tries}`, target: 'all', ratio: f.tftp.ok / Math.max(1, f.tftp.tries), pass: f.tftp.tries > 0 && f.tftp.ok === f.tftp.tries },
    );
    notes.push(`flood: ${FLOOD_CONNECTIONS} idle connections for ${FLOOD_SECONDS} s, at most ${f.peakOpen} open at once, ${f.closedByServer} closed by provd; ${line('REST', f.rest)}, ${line('TFTP', f.tftp)}, ${line('HTTP from another address', f.http)}`);

    console.log(`\n   guessing: one address, one keep-alive connection, a new MAC per request for ${GUESS_SECONDS} s (an autocreate config exists: default profile)`);
    await floodRest.configs.create({ id: 'bench-autoprov', role: 'autocreate', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'autoprov' } } } });
    const g = await guessRate(floodRest, provd, GUESS_SECONDS, 5);
    console.log(`   ${g.requests} requests, ${g.answered} answered (not 429), ${g.devicesAdded} devices added; after the first ${g.burstSeconds} s: ${g.sustainedPerSecond.toFixed(2)} answered guesses/s`);
    rows.push(row('guesses/s from one address (sustained)', g.sustainedPerSecond, TARGET.guessesPerSecond, '/s', true, 2));
    notes.push(`guessing: ${g.requests} requests in ${g.seconds} s from one address, ${g.answered} answered, ${g.devicesAdded} devices added; ${g.sustainedPerSecond.toFixed(2)}/s after the first ${g.burstSeconds} s`);
  }

  const summary = table(rows);
  const failed = rows.filter((r) => !r.pass).length;
  console.log(`\n${summary}\n`);
  console.log(failed ? `${failed} target(s) MISSED (this is a measurement: the bench still exits 0)` : 'all targets met');

  if (process.env.BENCH_WRITE_DOCS) {
    const file = fileURLToPath(new URL('../../docs/reference/benchmarks.md', import.meta.url));
    writeDocs(file, ['### Last measured', '', ...[...about, ...notes].map((l) => `- ${l}`), '', summary].join('\n'));
    console.log(`wrote ${file}`);
  }
} finally {
  await nginx?.stop();
  await provd?.stop();
  rmSync(tmp, { recursive: true, force: true });
}
