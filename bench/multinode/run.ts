/**
 * bench/multinode (issue 11): two provd nodes (processes) on one PostgreSQL database.
 *  1. seed: DEVICES devices, each with its own config under one parent, written straight into
 *     the store in transactions of 500 (a third handle: both nodes render them from the change
 *     feed), already `configured: true` as in steady state (an outside writer's changes get no
 *     outcome recorded: only the origin node records);
 *  2. the parent config changes through node A; measured: the time until node B serves the new
 *     file for every device (B's status: feed past the change, nothing pending, background queue
 *     drained; every file then fetched from B and checked), target ≤ 10 s;
 *  3. meanwhile wrk loads one device's file on B: its p99, target ≤ 50 ms.
 * Knobs: DEVICES (10000), DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openStore } from '@dialtone/provd';
import { ensureBinaries } from '../http/processes.js';
import { machine, row, table, type Row } from '../http/report.js';
import { ProvdClient } from '@dialtone/provd-client';
import { macHex, parallel, withColons } from '../http/bench-util.js';
import { runWrk } from '../http/wrk.js';
import { startNode, type Node } from './nodes.js';

const DEVICES = Number(process.env.DEVICES ?? 10_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET = { seconds: 10, p99Ms: 50 };
const PARENT = 'mn-parent';
const PREFIX = 0xde;
const UA = 'TestPhone/T1/1.0';
const address = (i: number) => `10.201.${(i >> 8) & 255}.${i & 255}`;

interface Status {
  reconfigure: { pending: number; done: number; failed: number; running: boolean };
  change_feed: { seq: number; pending: number; connected: boolean; fresh: boolean };
}

type Rest = ProvdClient;
const status = async (rest: Rest) => (await rest.raw<Status>('GET', '/0.2/status')).body;

async function head(): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return Number((await client.query(`SELECT coalesce(max(seq), 0) AS s FROM "${schema}".changes`)).rows[0].s);
  } finally {
    await client.end();
  }
}

/** Until the node has applied everything up to `seq` and has nothing left to render. */
async function drained(rest: Rest, seq: number): Promise<Status> {
  for (;;) {
    const s = await status(rest);
    if (s.change_feed.seq >= seq && s.change_feed.pending === 0 && !s.reconfigure.running && s.reconfigure.pending === 0) return s;
    await sleep(20);
  }
}

ensureBinaries({ wrk: 'wrk' });
console.log(machine().join('\n'));
const schema = `bench_multinode_${process.pid}`;
const tmp = mkdtempSync(join(tmpdir(), 'bench-multinode-'));
const nodes: Node[] = [];
const rows: Row[] = [];
try {
  const a = await startNode('a', DATABASE_URL, schema);
  nodes.push(a);
  const b = await startNode('b', DATABASE_URL, schema);
  nodes.push(b);
  // tokens live in the shared database: the first node's admin token works on both
  const token = a.adminToken ?? '';
  const [restA, restB] = [new ProvdClient({ url: a.rest, token }), new ProvdClient({ url: b.rest, token })];

  console.log(`\n1. seeding ${DEVICES} devices, one config each under ${PARENT}, straight into the store`);
  const seedStart = performance.now();
  const store = await openStore({ url: DATABASE_URL, schema });
  try {
    await store.configs.insert({ id: PARENT, parent_ids: [], raw_config: { ip: '10.9.9.1', X_revision: 1 } });
    for (let from = 0; from < DEVICES; from += 500) {
      await store.transaction(async (tx) => {
        for (let i = from; i < Math.min(from + 500, DEVICES); i++) {
          const config = `mn-line-${i}`;
          await tx.configs.insert({ id: config, parent_ids: [PARENT], raw_config: { sip_lines: { 1: { username: `u${i}`, display_name: `User ${i}` } } } });
          await tx.devices.insert({ mac: withColons(macHex(PREFIX, i)), ip: address(i), vendor: 'TestVendor', model: 'T1', version: '1.0', plugin: 'test-plugin', config, configured: true });
        }
      });
    }
  } finally {
    await store.close();
  }
  const seeded = await head();
  await Promise.all([drained(restA, seeded), drained(restB, seeded)]);
  console.log(`   seeded and rendered on both nodes in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const served = `/test/${macHex(PREFIX, 0)}.cfg`;
  const headers = { 'User-Agent': UA, 'X-Forwarded-For': address(0) };
  for (let i = 0; i < 3; i++) await fetch(b.http + served, { headers }).then((r) => r.text());

  console.log(`\n2. PUT ${PARENT} through A; wrk -c32 on ${served} on B meanwhile`);
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const load = runWrk(tmp, { url: b.http + served, connections: 32, threads: 1, seconds: 0, headers, until: finished });
  await sleep(500);
  const before = await status(restB);
  const start = performance.now();
  let seconds = NaN;
  let aSeconds = NaN;
  try {
    await restA.raw('PUT', `/0.2/cfg_mgr/configs/${PARENT}`, { config: { id: PARENT, parent_ids: [], raw_config: { ip: '10.9.9.2', X_revision: 2 } } });
    const changed = await head();
    const doneA = drained(restA, changed).then(() => (aSeconds = (performance.now() - start) / 1000));
    const after = await drained(restB, changed);
    seconds = (performance.now() - start) / 1000;
    await doneA;
    console.log(`   B re-rendered ${after.reconfigure.done - before.reconfigure.done} devices (${after.reconfigure.failed - before.reconfigure.failed} failed)`);
  } finally {
    finish();
  }
  const serving = await load;
  console.log(`   B serves the new files after ${seconds.toFixed(2)} s (A: ${aSeconds.toFixed(2)} s)`);
  console.log(`   B serving meanwhile: ${serving.perSecond.toFixed(0)} req/s, p50 ${serving.latencyMs.p50} ms, p99 ${serving.latencyMs.p99} ms, ${serving.errors} errors`);

  console.log(`\n3. checking all ${DEVICES} files on B`);
  let stale = 0;
  await parallel(DEVICES, 32, async (i) => {
    const res = await fetch(`${b.http}/test/${macHex(PREFIX, i)}.cfg`, { headers: { 'User-Agent': UA, 'X-Forwarded-For': address(i) } });
    const text = await res.text();
    if (res.status !== 200 || !text.includes('server=10.9.9.2') || !text.includes(`line1=u${i} User ${i}`)) stale++;
  });
  console.log(`   ${DEVICES - stale} current, ${stale} stale or missing`);

  rows.push(row(`parent change via A → B serves all ${DEVICES} new files`, seconds, TARGET.seconds, ' s', true, 2));
  rows.push(row('B serving p99 meanwhile', serving.latencyMs.p99, TARGET.p99Ms, ' ms', true, 1));
  rows.push({ ...row('files on B current after', DEVICES - stale, DEVICES, ''), target: `= ${DEVICES}` });
  console.log(`\n${table(rows)}`);
} finally {
  for (const n of nodes) await n.stop();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).finally(() => client.end());
  rmSync(tmp, { recursive: true, force: true });
}
if (rows.some((r) => !r.pass)) process.exitCode = 1;
