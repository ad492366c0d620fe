/**
 * Loopback servers for download tests: a static file server with Range support that can cut
 * transfers halfway, and a CONNECT/forward proxy that counts what went through it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join, normalize } from 'node:path';
import { ftpGet } from '../../src/plugins/install/ftp.js';

export interface ServedRequest {
  path: string;
  range: string | null;
  status: number;
}

export interface FileServer {
  url: string;
  requests: ServedRequest[];
  /** Cut the next n transfers after `atFraction` of the body (the socket is destroyed). */
  cutNext(n: number, atFraction?: number): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export async function startFileServer(t: { after(fn: () => Promise<void>): void }, root: string): Promise<FileServer> {
  const requests: ServedRequest[] = [];
  let cuts = 0;
  let cutAt = 0.5;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    const range = req.headers.range ?? null;
    const record = (status: number) => requests.push({ path, range, status });
    if (!existsSync(file) || !statSync(file).isFile()) {
      record(404);
      res.writeHead(404).end('not found');
      return;
    }
    const size = statSync(file).size;
    let start = 0;
    let status = 200;
    const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
    if (m) {
      start = Number(m[1]);
      if (start >= size) {
        record(416);
        res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
        return;
      }
      status = 206;
    }
    record(status);
    const length = size - start;
    res.writeHead(status, { 'content-length': String(length), 'accept-ranges': 'bytes', ...(status === 206 ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}) });
    if (cuts > 0) {
      cuts--;
      const stop = Math.max(1, Math.floor(length * cutAt));
      const stream = createReadStream(file, { start, end: start + stop - 1 });
      stream.on('end', () => setTimeout(() => req.socket.destroy(), 20));
      stream.pipe(res, { end: false });
      return;
    }
    createReadStream(file, { start }).pipe(res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  t.after(close);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutNext(n, atFraction = 0.5) {
      cuts = n;
      cutAt = atFraction;
    },
    close,
  };
}

export interface Proxy {
  url: string;
  /** Targets seen: `CONNECT host:port` or `GET http://…`. */
  seen: string[];
}

/** An HTTP proxy on loopback: CONNECT tunnels, absolute-URI forwarding, and ftp:// URIs fetched over FTP (as Squid does). */
export async function startProxy(t: { after(fn: () => Promise<void>): void }): Promise<Proxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    if (target.protocol === 'ftp:') {
      let started = false;
      ftpGet(target, async (data) => {
        started = true;
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        for await (const chunk of data) res.write(chunk);
        res.end();
      }, { offset: 0, timeoutMs: 5000 }).catch((err: Error) => (started ? res.destroy() : res.writeHead(502).end(err.message)));
      return;
    }
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    sockets.add(client);
    sockets.add(upstream);
  });
  server.on('connection', (s) => sockets.add(s));
  const port = await listen(server);
  t.after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${port}`, seen };
}
