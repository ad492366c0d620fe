// Child process: the least a node:dgram TFTP server can do for a lock-step read. It answers an
// RRQ with an OACK (blksize only) from a connected socket and each ACK with a DATA packet framed
// in advance, and nothing else: no timeouts, no checks. bench/tftp measures it beside our server
// in the lock-step scenarios, as the floor node itself sets. Prints {"port":N} once listening.
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: node-floor-server.ts <folder>');

const framed = new Map<string, Buffer[]>();

function packetsOf(name: string, blksize: number): Buffer[] {
  const key = `${blksize}:${name}`;
  let packets = framed.get(key);
  if (packets) return packets;
  const file = readFileSync(join(root, name.replace(/^\/+/, '')));
  packets = [];
  for (let at = 0, block = 1; ; at += blksize, block++) {
    const chunk = file.subarray(at, at + blksize);
    const packet = Buffer.allocUnsafe(4 + chunk.length);
    packet.writeUInt16BE(3, 0);
    packet.writeUInt16BE(block & 0xffff, 2);
    chunk.copy(packet, 4);
    packets.push(packet);
    if (chunk.length < blksize) break;
  }
  framed.set(key, packets);
  return packets;
}

function serve(rrq: Buffer, port: number, address: string): void {
  const fields = rrq.subarray(2).toString('latin1').split('\0');
  const blksizeAt = fields.findIndex((f, i) => i >= 2 && f.toLowerCase() === 'blksize');
  const blksize = blksizeAt > 0 ? Number(fields[blksizeAt + 1]) : 512;
  const packets = packetsOf(fields[0], blksize);
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1', () =>
    socket.connect(port, address, () => {
      socket.on('message', (ack) => {
        const next = ack.readUInt16BE(2);
        if (next < packets.length) socket.send(packets[next]);
        else socket.close();
      });
      if (blksizeAt > 0) socket.send(Buffer.from(`\0\x06blksize\0${blksize}\0`, 'latin1'));
      else socket.send(packets[0]);
    }),
  );
}

const listener = createSocket('udp4');
listener.on('message', (msg, rinfo) => {
  if (msg.readUInt16BE(0) === 1) serve(msg, rinfo.port, rinfo.address);
});
listener.bind(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: listener.address().port })}\n`));
const stop = (): void => {
  listener.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
