import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fakeAsterisk, makePluginRepo, scratch, startPlugind, statuses } from './support.js';

test('url method: a tarball over HTTP, checked against sha256; a mismatch leaves nothing', async (t) => {
  const dir = scratch(t);
  fakeAsterisk(dir);
  const { repo } = makePluginRepo(dir);
  const tarball = join(dir, 'hello.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', dirname(repo), '--exclude=.git', basename(repo)]);
  const data = readFileSync(tarball);
  const server = createServer((_req, res) => res.end(data));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hello.tar.gz`;
  const p = await startPlugind(t, dir);

  const wrong = await p.api<{ uuid: string }>('POST', '/0.2/plugins', { method: 'url', options: { url, sha256: '0'.repeat(64) } });
  const werr = await p.wait(wrong.body.uuid);
  assert.deepEqual(statuses(werr), ['starting', 'downloading', 'error']);
  assert.match(werr.at(-1)!.errors!.message, /sha256 mismatch/);
  assert.equal((await p.api<{ total: number }>('GET', '/0.2/plugins')).body.total, 0);

  const sha256 = createHash('sha256').update(data).digest('hex');
  const ok = await p.api<{ uuid: string }>('POST', '/0.2/plugins', { method: 'url', options: { url, sha256 } });
  const events = await p.wait(ok.body.uuid);
  assert.equal(events.at(-1)?.status, 'completed', JSON.stringify(events.at(-1)));
  assert.ok(existsSync(join(dir, 'prefix/etc/asterisk/extensions_extra.d/helloworld.conf')));
});

test('url method: a tarball with ../ and absolute members writes nothing outside its folder', async (t) => {
  const dir = scratch(t);
  const evil = join(dir, 'evil.tar');
  execFileSync('/usr/bin/python3', [
    '-c',
    `import tarfile, io
t = tarfile.open(${JSON.stringify(evil)}, 'w')
for name in ['../escaped.txt', '${dir}/absolute.txt', 'wazo/plugin.yml']:
    data = b'x'
    info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
t.close()`,
  ]);
  const p = await startPlugind(t, dir);
  const r = await p.api<{ uuid: string }>('POST', '/0.2/plugins', { method: 'url', options: { url: evil } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const events = await p.wait(r.body.uuid);
  assert.equal(events.at(-1)?.status, 'error');
  const tarLog = p.plugind.service.jobs.get(r.body.uuid)!.logs.find((l) => l.command.startsWith('tar '))!;
  assert.match(tarLog.output, /Member name contains '\.\.'/, 'tar refused the ../ member');
  assert.match(tarLog.output, /Removing leading/, 'tar made the absolute member relative');
  assert.ok(!existsSync(join(p.dataDir, 'work', 'escaped.txt')));
  assert.ok(!existsSync(join(p.dataDir, 'escaped.txt')));
  assert.ok(!existsSync(join(dir, 'absolute.txt')));
  assert.equal((await p.api<{ total: number }>('GET', '/0.2/plugins')).body.total, 0);
});
