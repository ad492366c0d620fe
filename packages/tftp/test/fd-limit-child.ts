// Child process for the fd-limit test: a server under a small `ulimit -n`; prints {"port":N}.
import { createTftpServer } from '@dialtone/tftp';

const body = Buffer.alloc(5000, 1);
const server = createTftpServer({
  host: '127.0.0.1',
  port: 0,
  whenBusy: 'error',
  maxTransfersPerClient: 10_000,
  initialTimeoutMs: 100,
  maxRetries: 1,
  resolve: () => body,
});
const { port } = await server.listen();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
process.stdin.resume();
