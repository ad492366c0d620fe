import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { startEphemeralProvd } from '../testing/index.js';
import { PROVD_MEDIA_TYPE, sendJson } from './media.js';
import { firstDifference } from './reply-check.js';

/** Routes that answer something other than a JSON document of their own: the page's files and the API document. */
const PUBLIC = /^(\/0\.2\/api\/|\/ui(\/|$))/;

test('every authenticated route declares the response schema of its success status', async (t) => {
  const running = await startEphemeralProvd({ settings: { 'tftp.enabled': false } });
  t.after(() => running.close());
  const routes = running.provd.restRoutes.filter((r) => r.method !== 'OPTIONS' && !PUBLIC.test(r.url));
  assert.ok(routes.length >= 30, `route table has ${routes.length} routes`);
  for (const route of routes) {
    const responses = (route.schema?.response ?? {}) as Record<string, unknown>;
    const success = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
    assert.ok(success.length > 0, `${route.method} ${route.url} declares no response schema for a 2xx status`);
  }
});

function appWith(checkReplies: boolean): FastifyInstance {
  const app = Fastify();
  app.decorate('checkReplies', checkReplies);
  const schema = { type: 'object', properties: { device: { type: 'object', properties: { id: { type: 'string' }, port: { type: 'integer' } } } } };
  app.get('/leaky', { schema: { response: { 200: schema } } }, async (_req, reply) => sendJson(reply, 200, { device: { id: 'd1', port: 5060, secret: 'hunter2' } }));
  app.get('/coerced', { schema: { response: { 200: schema } } }, async (_req, reply) => sendJson(reply, 200, { device: { id: 42 } }));
  app.get('/undeclared', async (_req, reply) => sendJson(reply, 200, { device: { id: 'd1' } }));
  return app;
}

test('replies are written by their schema: undeclared fields are left out (production)', async () => {
  const app = appWith(false);
  const res = await app.inject({ method: 'GET', url: '/leaky' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], PROVD_MEDIA_TYPE, 'the reference media type, without a charset');
  assert.deepEqual(JSON.parse(res.body), { device: { id: 'd1', port: 5060 } });
  await app.close();
});

test('with checkReplies, a reply its schema would change is a 500 naming the field', async () => {
  const app = appWith(true);
  const leaky = await app.inject({ method: 'GET', url: '/leaky' });
  assert.equal(leaky.statusCode, 500);
  assert.match(leaky.body, /\.device\.secret: not declared in the response schema/);
  const coerced = await app.inject({ method: 'GET', url: '/coerced' });
  assert.equal(coerced.statusCode, 500);
  assert.match(JSON.parse(coerced.body).message, /\.device\.id: 42 became "42"/);
  const undeclared = await app.inject({ method: 'GET', url: '/undeclared' });
  assert.equal(undeclared.statusCode, 500);
  assert.match(undeclared.body, /declares no response schema for 200/);
  await app.close();
});

test('firstDifference names the first path that differs', () => {
  assert.equal(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), null);
  assert.equal(firstDifference({ a: [1, { b: 2 }] }, { a: [1, {}] }), '.a[1].b: not declared in the response schema (dropped)');
  assert.equal(firstDifference({ a: null }, { a: 'null' }), '.a: null became "null"');
});
