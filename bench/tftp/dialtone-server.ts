// Child process: serves one folder with @dialtone/tftp and prints {"port":N} once listening.
import { createTftpServer, fileSource } from '@dialtone/tftp';

const root = process.argv[2];
if (!root) throw new Error('usage: dialtone-server.ts <folder>');
const server = createTftpServer({
  host: '127.0.0.1',
  port: 0,
  // Every bench client comes from 127.0.0.1: the per-client limit would see one client.
  maxTransfersPerClient: 100_000,
  maxTransfers: 10_000,
  resolve: (request) => fileSource(root, request.filename),
});
const { port } = await server.listen();
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
