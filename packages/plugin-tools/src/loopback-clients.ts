/**
 * The phone side of a simulation: HTTP GET and TFTP RRQ sent from a chosen loopback address
 * (127.0.1.x), so every simulated phone has its own address like real phones do.
 */
import { createSocket } from 'node:dgram';
import { request } from 'node:http';

export interface Fetched {
  readonly status: number;
  readonly body: Buffer;
}

export function httpGet(url: string, headers: Readonly<Record<string, string>>, localAddress: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, localAddress, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** A plain RFC 1350 octet download; status 200 on success, else 400 + the server's TFTP error code. */
export function tftpGet(port: number, filename: string, localAddress: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const chunks: Buffer[] = [];
    let expected = 1;
    let timer: NodeJS.Timeout | undefined;
    const done = (err: Error | null, result?: Fetched) => {
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(result!);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(new Error(`TFTP ${filename}: no answer`)), 5000);
    };
    socket.on('error', (err) => done(err));
    socket.on('message', (msg, rinfo) => {
      const op = msg.readUInt16BE(0);
      if (op === 5) return done(null, { status: 400 + msg.readUInt16BE(2), body: msg.subarray(4, msg.length - 1) });
      if (op !== 3) return;
      const block = msg.readUInt16BE(2);
      const ack = Buffer.from([0, 4, msg[2], msg[3]]);
      socket.send(ack, rinfo.port, rinfo.address);
      if (block !== expected) return;
      expected = (expected + 1) & 0xffff;
      const data = msg.subarray(4);
      chunks.push(data);
      if (data.length < 512) done(null, { status: 200, body: Buffer.concat(chunks) });
      else arm();
    });
    socket.bind(0, localAddress, () => {
      const rrq = Buffer.concat([Buffer.from([0, 1]), Buffer.from(filename, 'latin1'), Buffer.from([0]), Buffer.from('octet'), Buffer.from([0])]);
      socket.send(rrq, port, '127.0.0.1');
      arm();
    });
  });
}
