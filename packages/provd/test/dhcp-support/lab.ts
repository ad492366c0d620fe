/**
 * A small network for the DHCP tests (root, iproute2): a server namespace and a client
 * namespace joined by a veth pair (the LAN), and a second veth pair from the host to the server
 * namespace (the uplink) so lease hooks reach the provd the test runs on the host. Names and
 * subnets are random per lab; everything is removed by `t.after`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Lab {
  readonly dir: string;
  readonly serverNs: string;
  readonly clientNs: string;
  /** Host end of the uplink: what the hooks call provd at. */
  readonly hostIp: string;
  /** The LAN interface in the server namespace, and its address. */
  readonly lanIface: string;
  readonly lanServerIp: string;
  /** `a.b.c` of the LAN's /24. */
  readonly lanPrefix: string;
  readonly clientIface: string;
  /** Runs a command in a namespace and waits for it; throws with its output on failure. */
  run(ns: string, command: string, args: string[], env?: NodeJS.ProcessEnv): string;
  /** Starts a long-running command in a namespace; killed when the lab is torn down. */
  spawn(ns: string, command: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess & { output(): string; ready(line: RegExp, timeoutMs?: number): Promise<void> };
}

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function createLab(t: { after(fn: () => Promise<void> | void): void }, name: string): Lab {
  if (process.getuid?.() !== 0) throw new Error('the DHCP lab needs root (network namespaces and veth pairs)');
  const id = `${name}${randomBytes(2).toString('hex')}`.slice(0, 9);
  const dir = mkdtempSync(join(tmpdir(), `provd-dhcp-${name}-`));
  const serverNs = `dt-${id}-s`;
  const clientNs = `dt-${id}-c`;
  const hostIface = `${id}h`;
  const uplinkIface = `${id}u`;
  const lanIface = `${id}a`;
  const clientIface = `${id}b`;
  const x = randomInt(0, 256);
  const y = randomInt(16, 32);
  const hostIp = `172.${y}.${x}.1`;
  const uplinkIp = `172.${y}.${x}.2`;
  const lanPrefix = `10.${randomInt(100, 250)}.${x}`;
  const lanServerIp = `${lanPrefix}.1`;
  const children: ChildProcess[] = [];
  const teardown = async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
    for (const ns of [clientNs, serverNs]) {
      try {
        // whatever still runs in the namespace (a daemonized dhclient) goes with it
        const pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
        for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
      } catch {
        // the namespace may never have been made
      }
      try {
        ip(['netns', 'del', ns]);
      } catch {
        // already gone
      }
    }
    try {
      ip(['link', 'del', hostIface]);
    } catch {
      // went with the namespace
    }
    rmSync(dir, { recursive: true, force: true });
  };
  t.after(teardown);
  try {
    ip(['netns', 'add', serverNs]);
    ip(['netns', 'add', clientNs]);
    ip(['link', 'add', hostIface, 'type', 'veth', 'peer', 'name', uplinkIface]);
    ip(['link', 'set', uplinkIface, 'netns', serverNs]);
    ip(['addr', 'add', `${hostIp}/30`, 'dev', hostIface]);
    ip(['link', 'set', hostIface, 'up']);
    ip(['-n', serverNs, 'addr', 'add', `${uplinkIp}/30`, 'dev', uplinkIface]);
    ip(['-n', serverNs, 'link', 'set', uplinkIface, 'up']);
    ip(['-n', serverNs, 'link', 'set', 'lo', 'up']);
    ip(['link', 'add', lanIface, 'type', 'veth', 'peer', 'name', clientIface]);
    ip(['link', 'set', lanIface, 'netns', serverNs]);
    ip(['link', 'set', clientIface, 'netns', clientNs]);
    ip(['-n', serverNs, 'addr', 'add', `${lanServerIp}/24`, 'dev', lanIface]);
    ip(['-n', serverNs, 'link', 'set', lanIface, 'up']);
    ip(['-n', clientNs, 'link', 'set', clientIface, 'up']);
    ip(['-n', clientNs, 'link', 'set', 'lo', 'up']);
  } catch (err) {
    throw new Error(`cannot build the lab network: ${(err as { stderr?: Buffer }).stderr?.toString() ?? (err as Error).message}`);
  }
  return {
    dir,
    serverNs,
    clientNs,
    hostIp,
    lanIface,
    lanServerIp,
    lanPrefix,
    clientIface,
    run(ns, command, args, env) {
      try {
        return execFileSync('ip', ['netns', 'exec', ns, command, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, ...(env ? { env: { ...process.env, ...env } } : {}) });
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string; message: string };
        throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
      }
    },
    spawn(ns, command, args, env) {
      const child = spawn('ip', ['netns', 'exec', ns, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env: { ...process.env, ...env } } : {}) });
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      child.once('error', (err) => (output += `cannot start ${command}: ${err.message} (run bash scripts/setup-test-deps.sh)\n`));
      children.push(child);
      // resolves once the server printed `line` (serving); fails with its output if it exits or stays silent
      const ready = async (line: RegExp, timeoutMs = 60_000) => {
        const deadline = Date.now() + timeoutMs;
        while (!line.test(output)) {
          if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
          if (Date.now() > deadline) throw new Error(`${command} not ready after ${timeoutMs} ms:\n${output}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      return Object.assign(child, { output: () => output, ready });
    },
  };
}
