// Child process: provd with the test plugin on ephemeral loopback ports and a temporary data
// directory; prints {"rest":N,"http":N} once listening, stops on SIGTERM/SIGINT or stdin EOF.
import { fileURLToPath } from 'node:url';
import { startEphemeralProvd } from '@dialtone/provd/testing';

const plugin = process.argv[2] ?? fileURLToPath(new URL('../../packages/provd/test/fixtures/plugins/test-plugin', import.meta.url));
const running = await startEphemeralProvd({
  plugins: [plugin],
  settings: {
    // the bench gives each simulated phone its own address through X-Forwarded-For
    'http.trusted_proxies_count': 1,
    // the flood scenario also checks that TFTP keeps answering
    'tftp.enabled': process.env.BENCH_TFTP === '1',
    'tftp.port': 0,
    'log.level': process.env.BENCH_PROVD_LOG ?? 'silent',
  },
});
process.stdout.write(`${JSON.stringify({ rest: running.addresses.rest.port, http: running.addresses.http.port, tftp: running.tftpPort, token: running.adminToken })}\n`);

const stop = (): void => void running.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
