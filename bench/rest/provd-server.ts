// Child process: provd with the test plugin on ephemeral loopback ports (TFTP off). Prints
// {"rest":N,"token":"…"} once listening. On a stdin line `seed <n> <configs>` it inserts n devices
// spread over <configs> configs straight into the store (batched transactions, not configured),
// then prints `seeded`. Stops on stdin EOF or SIGTERM.
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
        await tx.devices.insert({ mac, vendor: 'TestVendor', model: 'T1', plugin: 'test-plugin', config: `seed-${j % configs}`, tenant_uuid: provdTenant, configured: false });
      }
    });
  }
}

const stop = (): void => void running.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const m = /^seed (\d+) (\d+)$/.exec(line.trim());
  if (!m) return;
  void seed(Number(m[1]), Number(m[2])).then(() => process.stdout.write('seeded\n'), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
rl.on('close', stop);
