/**
 * bench/plugins (issue 13): time to install, from a loopback repository, a plugin package whose
 * file is a SIZE_MB (default 100) MB firmware archive (download + sha1 + extract into
 * var/tftpboot), against `curl` + `sha1sum` + `tar` doing the same in the same run
 * (target ≤ 1.5×), and provd's HTTP serving p99 during the install (target ≤ 50 ms), measured by
 * a probe in its own process. ROUNDS (default 2) alternating rounds; each side keeps its best.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEphemeralProvd } from '@dialtone/provd/testing';

const here = fileURLToPath(new URL('.', import.meta.url));
const SIZE_MB = Number(process.env.SIZE_MB ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const TARGET = { ratio: 1.5, p99: 50 };
const MEDIA = 'application/vnd.proformatique.provd+json';

async function sha1(file: string): Promise<string> {
  const h = createHash('sha1');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function startChild(args: string[]): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, firstLine: out.split('\n')[0]! });
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

const root = mkdtempSync(join(tmpdir(), 'bench-plugins-'));
try {
  // the firmware: incompressible bytes in a tar.gz, like a vendor image
  const firmwares = join(root, 'firmwares');
  mkdirSync(join(firmwares, 'src/Acme'), { recursive: true });
  execFileSync('sh', ['-c', `head -c ${SIZE_MB}M /dev/urandom > src/Acme/firmware.bin && tar czf fw.tar.gz -C src Acme`], { cwd: firmwares });
  const archive = join(firmwares, 'fw.tar.gz');
  const size = statSync(archive).size;
  const digest = await sha1(archive);
  const server = await startChild([join(here, 'static-server.ts'), firmwares]);
  const fwUrl = `http://127.0.0.1:${server.firstLine}/fw.tar.gz`;

  // the plugin repository: one plugin whose package untars the firmware
  const plugin = join(root, 'plugin-src/acme-fw');
  mkdirSync(join(plugin, 'pkgs'), { recursive: true });
  writeFileSync(join(plugin, 'plugin-info'), JSON.stringify({ version: '1.0', description: 'bench plugin' }));
  writeFileSync(join(plugin, 'entry.mjs'), 'export default () => ({});\n');
  writeFileSync(join(plugin, 'pkgs/pkgs.db'), `[pkg_fw]\ndescription: firmware\nversion: 1\nfiles: fw\ninstall: fw\n[install_fw]\na-b: untar $FILE1\n[file_fw]\nurl: ${fwUrl}\nsize: ${size}\nsha1sum: ${digest}\n`);
  const repo = join(root, 'repo');
  mkdirSync(repo);
  execFileSync('tar', ['cjf', join(repo, 'acme-fw-1.0.tar.bz2'), '-C', join(root, 'plugin-src'), 'acme-fw']);
  const bundle = join(repo, 'acme-fw-1.0.tar.bz2');
  writeFileSync(join(repo, 'plugins.db'), JSON.stringify({ 'acme-fw': { version: '1.0', description: 'bench plugin', filename: 'acme-fw-1.0.tar.bz2', dsize: statSync(bundle).size, sha1sum: await sha1(bundle) } }));

  const provd = await startEphemeralProvd({ settings: { 'plugins.repository': repo } });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(provd.rest + path, { method, headers: { accept: MEDIA, 'x-auth-token': provd.adminToken, ...(body ? { 'content-type': MEDIA } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, location: res.headers.get('location'), json: res.headers.get('content-type')?.startsWith(MEDIA) ? ((await res.json()) as { status: string }) : null };
  };
  const wait = async (location: string) => {
    for (;;) {
      const { json } = await call('GET', location);
      if (/^(\w+\|)?(success|fail)/.test(json!.status)) return json!.status;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await wait((await call('POST', '/0.2/pg_mgr/install/update', {})).location!);
  await wait((await call('POST', '/0.2/pg_mgr/install/install', { id: 'acme-fw' })).location!);
  const pkgs = '/0.2/pg_mgr/plugins/acme-fw/install';
  const cache = join(provd.dataDir, 'plugins/acme-fw/var/cache');

  // control: the same probe with nothing installing, so a loaded host shows in the figures
  const probeFor = async (ms: number) => {
    const probe = await startChild([join(here, 'probe.ts'), `${provd.http}/bench-probe.cfg`]);
    void probe.firstLine;
    await new Promise((r) => setTimeout(r, ms));
    probe.child.stdin!.write('stop\n');
    return new Promise<{ count: number; p50: number; p99: number; max: number }>((resolve) => {
      let out = '';
      probe.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      probe.child.on('exit', () => resolve(JSON.parse(out.trim().split('\n').pop()!)));
    });
  };
  const idle = await probeFor(2000);
  console.log(`idle serving (no install): p50 ${idle.p50.toFixed(1)} ms p99 ${idle.p99.toFixed(1)} ms max ${idle.max.toFixed(1)} ms (${idle.count} requests)`);

  let best = { provd: Infinity, reference: Infinity, p99: Infinity };
  const rows: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // provd: package install while a probe measures HTTP serving
    const probe = await startChild([join(here, 'probe.ts'), `${provd.http}/bench-probe.cfg`]);
    void probe.firstLine;
    const t0 = performance.now();
    const started = await call('POST', `${pkgs}/install`, { id: 'fw' });
    const status = await wait(started.location!);
    const provdSeconds = (performance.now() - t0) / 1000;
    probe.child.stdin!.write('stop\n');
    const probeResult = await new Promise<{ count: number; p50: number; p99: number; max: number }>((resolve) => {
      let out = '';
      probe.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      probe.child.on('exit', () => resolve(JSON.parse(out.trim().split('\n').pop()!)));
    });
    if (!status.includes('success')) throw new Error(`install failed: ${status}`);
    await call('POST', `${pkgs}/uninstall`, { id: 'fw' });
    rmSync(cache, { recursive: true, force: true });

    // reference: curl + sha1sum + tar
    const ref = join(root, `ref-${round}`);
    mkdirSync(join(ref, 'out'), { recursive: true });
    const t1 = performance.now();
    execFileSync('sh', ['-c', `curl -sf -o fw.tar.gz '${fwUrl}' && sha1sum fw.tar.gz >/dev/null && tar xzf fw.tar.gz -C out`], { cwd: ref });
    const refSeconds = (performance.now() - t1) / 1000;
    rmSync(ref, { recursive: true, force: true });

    best = { provd: Math.min(best.provd, provdSeconds), reference: Math.min(best.reference, refSeconds), p99: Math.min(best.p99, probeResult.p99) };
    rows.push(`round ${round}: provd ${provdSeconds.toFixed(2)} s, curl+sha1sum+tar ${refSeconds.toFixed(2)} s, serving p50 ${probeResult.p50.toFixed(1)} ms p99 ${probeResult.p99.toFixed(1)} ms max ${probeResult.max.toFixed(1)} ms (${probeResult.count} requests)`);
    console.log(rows.at(-1));
  }
  const ratio = best.provd / best.reference;
  console.log(`\n${SIZE_MB} MB firmware package (download + sha1 + extract), best of ${ROUNDS}:`);
  console.log(`  provd                 ${best.provd.toFixed(2)} s`);
  console.log(`  curl + sha1sum + tar  ${best.reference.toFixed(2)} s`);
  console.log(`  ratio                 ${ratio.toFixed(2)}x (target <= ${TARGET.ratio}x) ${ratio <= TARGET.ratio ? 'OK' : 'MISSED'}`);
  console.log(`  serving p99 during the install ${best.p99.toFixed(1)} ms (target <= ${TARGET.p99} ms) ${best.p99 <= TARGET.p99 ? 'OK' : 'MISSED'}; idle p99 ${idle.p99.toFixed(1)} ms`);
  await provd.close();
  server.child.kill();
} finally {
  rmSync(root, { recursive: true, force: true });
}
