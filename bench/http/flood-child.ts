// Child process of the flood scenario: holds `count` idle TCP connections to the provisioning
// port, spread over loopback source addresses 127.<a>.<b>.<c> (`sources` of them, starting at
// `firstSource`), reopening those the server closes (at most one attempt per connection slot
// every 200 ms) until stdin closes. Prints {"ready":…} once every slot was tried, then
// {"peak":…,"closed":…} at the end. Bounded: loopback only, `count` sockets at most.
import { connect, type Socket } from 'node:net';

const [port, count, firstSource, sources] = process.argv.slice(2).map(Number);
const REOPEN_MS = 200;
let open = 0;
let peak = 0;
let closedByServer = 0;
let stopping = false;
const sockets = new Set<Socket>();

const sourceAddress = (n: number) => {
  const i = firstSource + n;
  return `127.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`;
};

function hold(slot: number): Promise<void> {
  return new Promise((settled) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: sourceAddress(slot % sources) });
    sockets.add(socket);
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      open++;
      peak = Math.max(peak, open);
      settled();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      if (connected) open--;
      if (!connected) settled();
      if (stopping) return;
      closedByServer++;
      setTimeout(() => void hold(slot), REOPEN_MS);
    });
  });
}

for (let slot = 0; slot < count; slot += 500) {
  await Promise.all(Array.from({ length: Math.min(500, count - slot) }, (_, i) => hold(slot + i)));
}
process.stdout.write(`${JSON.stringify({ ready: true, open })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  stopping = true;
  for (const s of sockets) s.destroy();
  process.stdout.write(`${JSON.stringify({ peak, closed: closedByServer })}\n`);
  process.exit(0);
});
