// Child process: provd with the test plugin on ephemeral loopback ports and a temporary data
// directory; prints {"rest":N,"http":N} once listening, stops on SIGTERM/SIGINT or stdin EOF.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProvd, resolveConfig } from '@dialtone/provd';

const plugin = process.argv[2] ?? fileURLToPath(new URL('../../packages/provd/test/fixtures/plugins/test-plugin', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-provd-'));
cpSync(plugin, join(dataDir, 'plugins', plugin.split('/').filter(Boolean).pop()!), { recursive: true });

const config = resolveConfig({
  settings: {
    'general.data_dir': dataDir,
    'rest_api.ip': '127.0.0.1',
    'rest_api.port': 0,
    'http.ip': '127.0.0.1',
    'http.port': 0,
    // the bench gives each simulated phone its own address through X-Forwarded-For
    'http.trusted_proxies_count': 1,
    'tftp.enabled': false,
    'log.level': process.env.BENCH_PROVD_LOG ?? 'silent',
  },
});
const provd = await createProvd({ config });
const addresses = await provd.listen();
process.stdout.write(`${JSON.stringify({ rest: addresses.rest.port, http: addresses.http.port })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void provd
    .close()
    .finally(() => rmSync(dataDir, { recursive: true, force: true }))
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
