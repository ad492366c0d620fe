// Figure 4 (issue 21): the provisioning port under a flood of idle connections, and one source
// guessing MAC addresses.
//  a. 20,000 idle connections (two child processes, 10,000 each, from 200 loopback source
//     addresses) held open against the HTTP provisioning port; meanwhile the REST API, TFTP and
//     an HTTP request from another address are tried every 100 ms. Target: REST and TFTP answer
//     every time.
//  b. one source address asking, on one keep-alive connection, for /test/<mac>.cfg with a new
//     MAC each time for `guessSeconds`: the rate of guesses provd answered (anything but 429)
//     after the first burst. Target: ≤ 10/s.
import { spawn, type ChildProcess } from 'node:child_process';
import { request, Agent } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tftpGet } from '@dialtone/tftp/testing';
import type { ProvdClient } from '@dialtone/provd-client';
import { macHex } from './bench-util.js';
import type { ProvdChild } from './processes.js';
import type { ServedDevice } from './serving.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface FloodResult {
  connections: number;
  /** Connections open at once, as the flooders saw them (provd closes those over its caps). */
  peakOpen: number;
  closedByServer: number;
  rest: Probe;
  tftp: Probe;
  http: Probe;
}

export interface Probe {
  tries: number;
  ok: number;
  maxMs: number;
}

export interface GuessResult {
  seconds: number;
  requests: number;
  answered: number;
  /** Answered guesses per second after the first `burstSeconds`. */
  sustainedPerSecond: number;
  burstSeconds: number;
  /** Devices provd added for the guesses (default profile). */
  devicesAdded: number;
}

function startFlooder(port: number, count: number, firstSource: number, sources: number): Promise<{ child: ChildProcess; done: Promise<{ peak: number; closed: number }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'flood-child.ts'), String(port), String(count), String(firstSource), String(sources)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  let ready: (() => void) | undefined;
  let finished: ((v: { peak: number; closed: number }) => void) | undefined;
  const done = new Promise<{ peak: number; closed: number }>((resolve) => (finished = resolve));
  lines.on('line', (line) => {
    const message = JSON.parse(line) as { ready?: boolean; peak?: number; closed?: number };
    if (message.ready) ready?.();
    else finished?.({ peak: message.peak ?? 0, closed: message.closed ?? 0 });
  });
  return new Promise((resolve, reject) => {
    ready = () => resolve({ child, done });
    child.once('exit', (code) => reject(new Error(`flooder exited with ${code}`)));
  });
}

async function timed(probe: Probe, attempt: () => Promise<boolean>): Promise<void> {
  const started = performance.now();
  probe.tries++;
  const ok = await Promise.race([attempt().catch(() => false), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]);
  if (ok) probe.ok++;
  probe.maxMs = Math.max(probe.maxMs, performance.now() - started);
}

function getFrom(base: string, path: string, localAddress: string, agent?: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { localAddress, agent: agent ?? false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function flood(rest: ProvdClient, provd: ProvdChild, device: ServedDevice, connections: number, seconds: number): Promise<FloodResult> {
  const port = Number(new URL(provd.http).port);
  const half = Math.floor(connections / 2);
  const flooders = [await startFlooder(port, half, 256, 100), await startFlooder(port, connections - half, 356, 100)];
  const probes = { rest: { tries: 0, ok: 0, maxMs: 0 }, tftp: { tries: 0, ok: 0, maxMs: 0 }, http: { tries: 0, ok: 0, maxMs: 0 } };
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    await Promise.all([
      timed(probes.rest, async () => (await rest.raw('GET', '/0.2/status')).status === 200),
      timed(probes.tftp, async () => (await tftpGet({ host: '127.0.0.1', port: provd.tftpPort, filename: device.path.slice(1), retransmitMs: 500, retries: 3 })).bytes === device.bytes.length),
      timed(probes.http, async () => (await getFrom(provd.http, device.path, '127.200.0.1')) === 200),
    ]);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const f of flooders) f.child.stdin!.end();
  const ends = await Promise.all(flooders.map((f) => f.done));
  return { connections, peakOpen: ends.reduce((s, e) => s + e.peak, 0), closedByServer: ends.reduce((s, e) => s + e.closed, 0), ...probes };
}

export async function guessRate(rest: ProvdClient, provd: ProvdChild, guessSeconds: number, burstSeconds: number): Promise<GuessResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const before = (await rest.raw('GET', '/0.2/dev_mgr/devices?fields=id')).body.devices.length as number;
  const answeredAt: number[] = [];
  let requests = 0;
  const started = performance.now();
  for (let i = 0; performance.now() - started < guessSeconds * 1000; i++) {
    const status = await getFrom(provd.http, `/test/${macHex(0xc0, i)}.cfg`, '127.201.0.1', agent);
    requests++;
    if (status !== 429) answeredAt.push(performance.now() - started);
  }
  agent.destroy();
  const after = (await rest.raw('GET', '/0.2/dev_mgr/devices?fields=id')).body.devices.length as number;
  const late = answeredAt.filter((ms) => ms >= burstSeconds * 1000).length;
  return { seconds: guessSeconds, requests, answered: answeredAt.length, sustainedPerSecond: late / (guessSeconds - burstSeconds), burstSeconds, devicesAdded: after - before };
}
