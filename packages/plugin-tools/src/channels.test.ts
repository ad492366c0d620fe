import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { digiumCopy, tempDir } from '../test/support.js';
import { build } from './build.js';
import { archive, promote, publish } from './channels.js';
import { isToolError } from './errors.js';
import { readPluginsDbFile } from './plugins-db.js';

const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

async function bump(src: string, version: string): Promise<void> {
  const file = join(src, 'plugin-info');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/"version": "[^"]+"/, `"version": "${version}"`));
}

async function touchTemplate(src: string, mark: string): Promise<void> {
  const file = join(src, 'templates', 'contact.tpl');
  await writeFile(file, `${await readFile(file, 'utf8')}<!-- ${mark} -->\n`);
}

test('publish, promote, archive over a repository folder, keeping every plugins.db consistent', async (t) => {
  const src = await digiumCopy(t);
  const out = await tempDir(t);
  const repo = await tempDir(t);
  await build([src], out);
  assert.deepEqual(await publish(out, repo, 'testing'), { added: ['digium-1.4.0.0'], unchanged: [] });
  assert.deepEqual(await publish(out, repo, 'testing'), { added: [], unchanged: ['digium-1.4.0.0'] }, 'publishing again changes nothing');

  // changed content, same version: refused, nothing written
  await touchTemplate(src, 'v2');
  await build([src], out);
  const before = await readFile(join(repo, 'testing', 'plugins.db'));
  await assert.rejects(publish(out, repo, 'testing'), (err) => {
    assert.ok(isToolError(err, 'DT_ERR_TOOL_VERSION_CONFLICT'));
    assert.match(err.message, /digium-1\.4\.0\.0: version 1\.0\.0 is already published with other content .*: bump the version/);
    return true;
  });
  assert.ok((await readFile(join(repo, 'testing', 'plugins.db'))).equals(before));

  await bump(src, '1.0.1');
  await build([src], out);
  assert.deepEqual((await publish(out, repo, 'testing')).added, ['digium-1.4.0.0']);
  assert.deepEqual((await readdir(join(repo, 'testing'))).sort(), ['digium-1.4.0.0-1.0.0.tar.bz2', 'digium-1.4.0.0-1.0.1.tar.bz2', 'plugins.db']);
  assert.equal((await readPluginsDbFile(join(repo, 'testing')))['digium-1.4.0.0'].version, '1.0.1');

  assert.deepEqual((await promote(repo, 'testing', 'stable')).added, ['digium-1.4.0.0']);
  const stable = await readPluginsDbFile(join(repo, 'stable'));
  assert.equal(stable['digium-1.4.0.0'].version, '1.0.1');
  assert.equal(stable['digium-1.4.0.0'].sha1sum, sha1(await readFile(join(repo, 'stable', 'digium-1.4.0.0-1.0.1.tar.bz2'))));

  // an older build cannot go back over a newer published one
  await bump(src, '1.0.0');
  const old = await tempDir(t);
  await build([src], old);
  await assert.rejects(publish(old, repo, 'stable'), /version 1\.0\.0 is older than the published 1\.0\.1/);

  assert.deepEqual(await archive(repo), ['testing/digium-1.4.0.0-1.0.0.tar.bz2']);
  assert.deepEqual((await readdir(join(repo, 'testing'))).sort(), ['digium-1.4.0.0-1.0.1.tar.bz2', 'plugins.db']);
  const archived = await readPluginsDbFile(join(repo, 'archive'));
  assert.equal(archived['digium-1.4.0.0'].version, '1.0.0');
  assert.equal(archived['digium-1.4.0.0'].sha1sum, sha1(await readFile(join(repo, 'archive', 'digium-1.4.0.0-1.0.0.tar.bz2'))));
  assert.ok('Digium, D70, 1.4.0.0' in archived['digium-1.4.0.0'].capabilities!);
  assert.deepEqual(await archive(repo), [], 'nothing left to archive');
});

test('a build folder whose bundle does not match its plugins.db is refused', async (t) => {
  const out = await tempDir(t);
  await build([await digiumCopy(t)], out);
  const file = join(out, 'digium-1.4.0.0-1.0.0.tar.bz2');
  const data = await readFile(file);
  data[data.length - 1] ^= 0xff;
  await writeFile(file, data);
  await assert.rejects(publish(out, await tempDir(t), 'testing'), (err) => isToolError(err, 'DT_ERR_TOOL_REPOSITORY_INVALID'));
});

test('publish to an HTTP repository with PUT: bundles first, plugins.db last; conflicts refused', async (t) => {
  const store = new Map<string, Buffer>();
  const puts: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method === 'PUT') {
        store.set(path, Buffer.concat(chunks));
        puts.push(path);
        res.writeHead(201).end();
      } else if (req.method === 'GET' && store.has(path)) res.writeHead(200).end(store.get(path));
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/plugins/2`;

  const src = await digiumCopy(t);
  const out = await tempDir(t);
  await build([src], out);
  assert.deepEqual((await publish(out, base, 'testing')).added, ['digium-1.4.0.0']);
  assert.deepEqual(puts, ['/plugins/2/testing/digium-1.4.0.0-1.0.0.tar.bz2', '/plugins/2/testing/plugins.db']);
  const db = JSON.parse(store.get('/plugins/2/testing/plugins.db')!.toString());
  assert.equal(db['digium-1.4.0.0'].sha1sum, sha1(store.get('/plugins/2/testing/digium-1.4.0.0-1.0.0.tar.bz2')!));

  await touchTemplate(src, 'changed');
  await build([src], out);
  await assert.rejects(publish(out, base, 'testing'), (err) => isToolError(err, 'DT_ERR_TOOL_VERSION_CONFLICT'));
  assert.equal(puts.length, 2, 'nothing PUT after a refusal');

  assert.deepEqual((await promote(base, 'testing', 'stable')).added, ['digium-1.4.0.0']);
  assert.ok(store.get('/plugins/2/stable/digium-1.4.0.0-1.0.0.tar.bz2')!.equals(store.get('/plugins/2/testing/digium-1.4.0.0-1.0.0.tar.bz2')!));
  await assert.rejects(archive(base), (err) => isToolError(err, 'DT_ERR_TOOL_USAGE'));
});
