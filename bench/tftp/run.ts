// bench/tftp: @dialtone/tftp against tftpd-hpa, same files, same bounded client load, one run.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tftpGet } from '@dialtone/tftp/testing';
import { runLoad, type LoadOptions, type LoadResult } from './load.js';
import { pinProcess, startDialtone, startNodeFloor, startTftpdHpa, type RunningServer } from './servers.js';

const ROUNDS = 5;

interface Scenario {
  name: string;
  file: string;
  size: number;
  load: Omit<LoadOptions, 'host' | 'port' | 'filename' | 'size'>;
  figure: 'transfers/s' | 'MB/s';
  /** Dialtone / tftpd-hpa ratio to reach; undefined = informational. */
  target?: number;
  /** Also measure the node floor server in the same rounds (lock-step scenarios). */
  floor?: boolean;
  note?: string;
}

const SMALL = 6 * 1024;
const LARGE = 1024 * 1024;
const retry = { retransmitMs: 1000, retries: 5 };
const scenarios: Scenario[] = [
  {
    name: '6 KB, 200 concurrent clients, blksize 512',
    file: 'small.bin',
    size: SMALL,
    load: { concurrency: 200, total: 4000, ...retry },
    figure: 'transfers/s',
    target: 3,
  },
  {
    name: '1 MB, blksize 1428, one client',
    file: 'large.bin',
    size: LARGE,
    load: { concurrency: 1, total: 12, blksize: 1428, ...retry },
    figure: 'MB/s',
    target: 1,
    floor: true,
    note: 'node floor: a node:dgram server that only answers each ACK with a packet framed in advance; dialtone / node floor shows what is left to gain in our code',
  },
  {
    name: '1 MB, blksize 1428 + windowsize 16, one client',
    file: 'large.bin',
    size: LARGE,
    load: { concurrency: 1, total: 12, blksize: 1428, windowsize: 16, ...retry },
    figure: 'MB/s',
    target: 3,
    note: 'tftpd-hpa has no windowsize: it leaves the option out of its OACK and sends lock-step, so its figure is its lock-step blksize 1428 rate, measured in the same alternating rounds',
  },
  {
    name: '1 MB, blksize 1428, 8 concurrent clients (aggregate)',
    file: 'large.bin',
    size: LARGE,
    load: { concurrency: 8, total: 32, blksize: 1428, ...retry },
    figure: 'MB/s',
    target: 1,
  },
  {
    name: '1 MB, blksize 1428 + windowsize 16, 8 concurrent clients (aggregate)',
    file: 'large.bin',
    size: LARGE,
    load: { concurrency: 8, total: 32, blksize: 1428, windowsize: 16, ...retry },
    figure: 'MB/s',
    note: 'informational (no target): tftpd-hpa answers these requests lock-step (no windowsize)',
  },
];

function figureOf(s: Scenario, r: LoadResult): number {
  return s.figure === 'transfers/s' ? r.transfersPerSecond : r.megabytesPerSecond;
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

async function measure(s: Scenario, server: RunningServer): Promise<LoadResult> {
  return runLoad({ host: '127.0.0.1', port: server.port, filename: s.file, size: s.size, ...s.load });
}

/** Best of ROUNDS alternating rounds for each server, then the ratios (and the target's verdict). */
async function runScenario(s: Scenario, measured: RunningServer[], floorName: string, title = s.name): Promise<void> {
  const results = new Map<string, LoadResult[]>(measured.map((sv) => [sv.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? measured : [...measured].reverse();
    for (const server of order) results.get(server.name)!.push(await measure(s, server));
  }
  console.log(`\n${title} (${s.load.total} transfers per round)`);
  const best = new Map<string, number>();
  for (const server of measured) {
    const rs = results.get(server.name)!;
    const figures = rs.map((r) => figureOf(s, r));
    const failures = rs.reduce((n, r) => n + r.failures, 0);
    const retransmits = rs.reduce((n, r) => n + r.clientRetransmits, 0);
    best.set(server.name, Math.max(...figures));
    console.log(
      `  ${server.name.padEnd(10)} ${fmt(Math.max(...figures)).padStart(7)} ${s.figure}` +
        `  (rounds: ${figures.map(fmt).join(', ')})  failures ${failures}  client retransmits ${retransmits}` +
        (failures > 0 ? `  e.g. ${rs.flatMap((r) => r.failureSamples)[0]}` : ''),
    );
  }
  const ratio = best.get('dialtone')! / best.get('tftpd-hpa')!;
  const failures = results.get('dialtone')!.reduce((n, r) => n + r.failures, 0);
  const verdict = s.target === undefined ? '' : `  (target >= ${s.target}x with zero failures: ${ratio >= s.target && failures === 0 ? 'met' : 'MISSED'})`;
  console.log(`  ratio dialtone / tftpd-hpa: ${ratio.toFixed(2)}x${verdict}`);
  if (best.has(floorName)) console.log(`  ratio dialtone / node floor: ${(best.get('dialtone')! / best.get(floorName)!).toFixed(2)}x (informational)`);
  if (s.note) console.log(`  note: ${s.note}`);
}

/**
 * A single client's figure depends mostly on where the scheduler puts client and server: on one
 * vCPU a round trip is CPU work only, on two each packet or window waits for a cross-vCPU wake-up.
 * Unpinned, each round lands on either; pinned with taskset, each placement is measured on its own
 * (the load generator is this process), for the one-client scenarios, without verdicts.
 */
async function runPlacements(servers: RunningServer[], floorName: string): Promise<void> {
  const oneClient = scenarios.filter((s) => s.load.concurrency === 1 && s.figure === 'MB/s');
  const everyCpu = `0-${availableParallelism() - 1}`;
  const placements = [
    { name: 'client and server on vCPU 0', server: '0' },
    ...(availableParallelism() > 1 ? [{ name: 'client on vCPU 0, server on vCPU 1', server: '1' }] : []),
  ];
  try {
    pinProcess(process.pid, '0');
    for (const placement of placements) {
      for (const server of servers) pinProcess(server.pid, placement.server);
      for (const s of oneClient) {
        const measured = s.floor ? servers : servers.filter((sv) => sv.name !== floorName);
        await runScenario({ ...s, target: undefined, note: undefined }, measured, floorName, `${s.name}, pinned: ${placement.name}`);
      }
    }
  } finally {
    // Best effort: a server that died must not hide the error that ended the rounds.
    for (const pid of [process.pid, ...servers.map((s) => s.pid)]) {
      try {
        pinProcess(pid, everyCpu);
      } catch (err) {
        console.error((err as Error).message);
      }
    }
  }
}

const folder = mkdtempSync(join(tmpdir(), 'dialtone-bench-tftp-'));
// tftpd-hpa drops to `nobody` after chroot: the folder and files must be world-readable.
chmodSync(folder, 0o755);
writeFileSync(join(folder, 'small.bin'), randomBytes(SMALL), { mode: 0o644 });
writeFileSync(join(folder, 'large.bin'), randomBytes(LARGE), { mode: 0o644 });

const servers: RunningServer[] = [];
let exitCode = 0;
try {
  servers.push(await startDialtone(folder));
  servers.push(await startTftpdHpa(folder, 'small.bin'));
  const floor = await startNodeFloor(folder);
  servers.push(floor);
  const compared = servers.filter((sv) => sv !== floor);
  console.log(`files in ${folder}; dialtone on udp/${servers[0].port}, tftpd-hpa on udp/${servers[1].port}, node floor on udp/${floor.port}`);
  console.log(`each figure: best of ${ROUNDS} rounds, servers alternating; the node load generator shares the 2 cores with the server`);
  console.log('tftpd-hpa forks a process per request; dialtone is one event loop (its per-client limit is lifted: every client is 127.0.0.1)');
  for (const server of compared) {
    // Warm-up: JIT for both node processes, page cache and file cache for both servers.
    await runLoad({ host: '127.0.0.1', port: server.port, filename: 'small.bin', size: SMALL, concurrency: 50, total: 1000, ...retry });
    await runLoad({ host: '127.0.0.1', port: server.port, filename: 'large.bin', size: LARGE, concurrency: 4, total: 8, blksize: 1428, ...retry });
  }
  // The windowed scenarios send tftpd-hpa the same requests: check it answers them lock-step.
  const probe = await tftpGet({ host: '127.0.0.1', port: servers[1].port, filename: 'large.bin', blksize: 1428, windowsize: 16, collect: false });
  console.log(`tftpd-hpa's OACK to blksize 1428 + windowsize 16: ${JSON.stringify(probe.oack)} (no windowsize: lock-step)`);
  if (probe.oack?.windowsize !== undefined) throw new Error('tftpd-hpa granted windowsize: the windowed notes below no longer hold');
  await runLoad({ host: '127.0.0.1', port: floor.port, filename: 'large.bin', size: LARGE, concurrency: 4, total: 8, blksize: 1428, ...retry });
  for (const s of scenarios) await runScenario(s, s.floor ? servers : compared, floor.name);
  await runPlacements(servers, floor.name);
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(folder, { recursive: true, force: true });
}
process.exit(exitCode);
