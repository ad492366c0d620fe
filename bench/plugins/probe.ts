/**
 * Serving probe, in its own process: GETs a URL every INTERVAL ms until told to stop (a line
 * on stdin; three warm-up requests first are not counted), then prints the latencies' count, p50, p99 and max as JSON.
 */
const url = process.argv[2]!;
const interval = Number(process.argv[3] ?? 10);
const latencies: number[] = [];
let stop = false;
process.stdin.on('data', () => (stop = true));
// warm-up, not counted: the first fetch of a process loads undici and opens the connection
for (let i = 0; i < 3; i++) await (await fetch(url)).arrayBuffer();
process.stdout.write('ready\n');
while (!stop) {
  const start = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  latencies.push(performance.now() - start);
  await new Promise((r) => setTimeout(r, interval));
}
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
process.stdout.write(`${JSON.stringify({ count: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 })}\n`);
process.exit(0);
