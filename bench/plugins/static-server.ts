/** A static file server in its own process (so serving the firmware does not share provd's event loop). */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

const root = process.argv[2]!;
const server = createServer((req, res) => {
  const file = join(root, normalize(decodeURIComponent(req.url ?? '/')).replace(/^(\.\.[/\\])+/, ''));
  try {
    const size = statSync(file).size;
    res.writeHead(200, { 'content-length': String(size) });
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
