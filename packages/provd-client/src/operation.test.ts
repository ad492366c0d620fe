import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ProvdClient } from './client.js';
import { OperationParseError, ProvdApiError } from './errors.js';
import { operationPath, parseOperationStatus } from './operation.js';

test('operation status strings parse as the reference writes them', () => {
  assert.deepEqual(parseOperationStatus('success'), { label: null, state: 'success', current: null, end: null, sub: [] });
  assert.deepEqual(parseOperationStatus('install|progress;2/5'), { label: 'install', state: 'progress', current: 2, end: 5, sub: [] });
  const nested = parseOperationStatus('install_pkg|progress(download|progress;30/100(file1|success))(install|waiting)');
  assert.equal(nested.sub.length, 2);
  assert.equal(nested.sub[0].label, 'download');
  assert.equal(nested.sub[0].current, 30);
  assert.equal(nested.sub[0].sub[0].state, 'success');
  assert.equal(nested.sub[1].state, 'waiting');
  assert.throws(() => parseOperationStatus('x|bogus'), OperationParseError);
  assert.throws(() => parseOperationStatus('progress(a|success'), /unbalanced/);
  assert.throws(() => parseOperationStatus('progress x'), /unexpected/);
  assert.equal(operationPath('/0.2/pg_mgr/install/install/1'), 'pg_mgr/install/install/1');
  assert.equal(operationPath('http://h:1/api/provd/0.2/dev_mgr/synchronize/3'), 'dev_mgr/synchronize/3');
});

test('an operation is followed as an async iterable, then freed', async (t) => {
  const states = ['update|waiting', 'update|progress;1/2', 'update|progress;1/2', 'update|progress;2/2', 'update|success'];
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['x-auth-token']}`);
    res.setHeader('content-type', 'application/vnd.proformatique.provd+json');
    if (req.method === 'POST' && req.url === '/0.2/pg_mgr/install/update') {
      res.statusCode = 201;
      res.setHeader('location', '/0.2/pg_mgr/install/update/7');
      return res.end();
    }
    if (req.url === '/0.2/pg_mgr/install/update/7' && req.method === 'GET') return res.end(JSON.stringify({ status: states.shift() ?? 'update|success' }));
    if (req.url === '/0.2/pg_mgr/install/update/7' && req.method === 'DELETE') {
      res.statusCode = 204;
      res.removeHeader('content-type');
      return res.end();
    }
    res.statusCode = 404;
    res.setHeader('dialtone-error-code', 'DT_ERR_NO_ROUTE');
    res.setHeader('content-type', 'text/plain');
    res.end('no route');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const client = new ProvdClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'tok', operationIntervalMs: 5 });
  const op = await client.plugins.update();
  const progress: string[] = [];
  for await (const s of op) progress.push(`${s.state}${s.current === null ? '' : `;${s.current}/${s.end}`}`);
  assert.deepEqual(progress, ['waiting', 'progress;1/2', 'progress;2/2', 'success'], 'repeated states are yielded once');
  assert.equal(seen.at(-1), 'DELETE /0.2/pg_mgr/install/update/7 tok', 'freed at the end');
  await assert.rejects(client.plugins.info('nope'), (err) => err instanceof ProvdApiError && err.status === 404 && err.code === 'DT_ERR_NO_ROUTE');
});
