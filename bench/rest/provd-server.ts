// Child process: provd with the test plugin on ephemeral loopback ports (TFTP off). Prints
// {"rest":N,"token":"…"} once listening. On a stdin line `seed <n> <configs>` it inserts n devices
// spread over <configs> configs straight into the store (batched transactions), waits until the
// configurator has looked at them all, then prints `seeded`. Seeded devices name no plugin, so
// nothing is rendered for them: the find figures are those of a server at rest, not one busy
// rendering 100,000 devices in the background. Stops on stdin EOF or SIGTERM.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startEphemeralProvd } from '@dialtone/provd/testing';

const plugin = fileURLToPath(new URL('../../packages/provd/test/fixtures/plugins/test-plugin', import.meta.url));
const running = await startEphemeralProvd({ plugins: [plugin], settings: { 'tftp.enabled': false, 'log.level': 'silent' } });
process.stdout.write(`${JSON.stringify({ rest: running.addresses.rest.port, token: running.adminToken })}\n`);

async function seed(n: number, configs: number): Promise<void> {
  const { store, provdTenant } = running.provd;
  await store.transaction(async (tx) => {
    for (let c = 0; c < configs; c++) await tx.configs.insert({ id: `seed-${c}`, parent_ids: [], raw_config: { sip_lines: { 1: { username: `s${c}` } } } });
  });
  for (let i = 0; i < n; i += 2000) {
    await store.transaction(async (tx) => {
      for (let j = i; j < Math.min(i + 2000, n); j++) {
        const mac = (0xaa0000000000 + j).toString(16).match(/../g)!.join(':');
        const ip = `10.${(j >> 16) & 255}.${(j >> 8) & 255}.${j & 255}`;
        await tx.devices.insert({ mac, ip, vendor: 'TestVendor', model: 'T1', version: '1.0.0', description: `seeded phone ${j}`, config: `seed-${j % configs}`, tenant_uuid: provdTenant, configured: false });
      }
    });
  }
  await running.provd.configurator.idle();
}

/** `profile start` / `profile stop <file>`: a CPU profile of one phase (PROFILE=<dir> in run.ts). */
const inspector = new Session();
async function profile(command: string, file?: string): Promise<void> {
  if (command === 'start') {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  } else {
    const { profile: data } = await inspector.post('Profiler.stop');
    writeFileSync(file!, JSON.stringify(data));
    inspector.disconnect();
  }
  process.stdout.write('profiled\n');
}

const stop = (): void => void running.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const p = /^profile (start|stop)(?: (.+))?$/.exec(line.trim());
  if (p) return void profile(p[1], p[2]);
  const m = /^seed (\d+) (\d+)$/.exec(line.trim());
  if (!m) return;
  void seed(Number(m[1]), Number(m[2])).then(() => process.stdout.write('seeded\n'), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
rl.on('close', stop);
