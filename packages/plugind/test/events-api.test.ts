import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PlugindClient, type JobEvent } from '../src/index.js';
import { fakeAsterisk, makePluginRepo, scratch, startPlugind, statuses } from './support.js';

const FULL = ['starting', 'downloading', 'extracting', 'validating', 'installing dependencies', 'building', 'packaging', 'updating', 'installing', 'cleaning', 'completed'];

test('the event sequence over SSE (live and replayed) and over RabbitMQ', async (t) => {
  const dir = scratch(t);
  fakeAsterisk(dir);
  const exchange = `plugind-test-${randomBytes(6).toString('hex')}`;
  const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
  t.after(() => conn.close());
  const ch = await conn.createChannel();
  await ch.assertExchange(exchange, 'topic', { durable: false });
  const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
  await ch.bindQueue(queue, exchange, 'plugin.#');
  t.after(() => ch.deleteExchange(exchange).catch(() => undefined));
  const bus: { key: string; body: { name: string; data: JobEvent } }[] = [];
  await ch.consume(queue, (msg) => {
    if (msg) bus.push({ key: msg.fields.routingKey, body: JSON.parse(msg.content.toString()) });
  }, { noAck: true });

  const p = await startPlugind(t, dir, { bus: { url: 'amqp://guest:guest@127.0.0.1:5672', exchange } });
  const { url } = makePluginRepo(dir);

  // live: the global stream is open before the job starts
  const live: JobEvent[] = [];
  const ac = new AbortController();
  const liveRes = await fetch(`${p.url}/0.2/events`, { headers: { 'x-auth-token': p.token }, signal: ac.signal });
  assert.equal(liveRes.headers.get('content-type'), 'text/event-stream');
  const reading = (async () => {
    let buf = '';
    try {
      for await (const chunk of liveRes.body as unknown as AsyncIterable<Uint8Array>) {
        buf += Buffer.from(chunk).toString();
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const data = buf.slice(0, i).split('\n').find((l) => l.startsWith('data: '));
          buf = buf.slice(i + 2);
          if (data) live.push(JSON.parse(data.slice(6)) as JobEvent);
        }
      }
    } catch {
      // aborted
    }
  })();

  const client = new PlugindClient(p.url, p.token);
  const { uuid } = await client.install({ method: 'git', options: { url } });
  const followed: JobEvent[] = [];
  const last = await client.follow(uuid, (e) => followed.push(e));
  assert.equal(last.status, 'completed');
  assert.deepEqual(statuses(followed), FULL, 'the job stream');
  // replay once finished: the same events, then the stream ends
  const replay: JobEvent[] = [];
  await client.follow(uuid, (e) => replay.push(e));
  assert.deepEqual(replay, followed);
  // uninstall over the same channels
  const un = await client.uninstall('demo', 'helloworld');
  await client.follow(un.uuid, () => undefined);

  const deadline = Date.now() + 10_000;
  while ((bus.length < FULL.length + 3 || live.length < FULL.length + 3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  ac.abort();
  await reading;
  assert.deepEqual(statuses(live.filter((e) => e.uuid === uuid)), FULL, 'live global stream');
  assert.deepEqual(statuses(live.filter((e) => e.uuid === un.uuid)), ['starting', 'removing', 'completed']);
  assert.deepEqual(bus.filter((m) => m.body.data.uuid === uuid).map((m) => m.key), FULL.map((s) => `plugin.install.${uuid}.${s.replace(/ /g, '_')}`));
  assert.deepEqual(bus.filter((m) => m.body.data.uuid === un.uuid).map((m) => m.key), ['starting', 'removing', 'completed'].map((s) => `plugin.uninstall.${un.uuid}.${s}`));
  const first = bus[0]!.body;
  assert.equal(first.name, 'plugin_install_progress');
  assert.equal(first.data.namespace, null, 'the plugin is not known before extracting');
  assert.equal(bus.find((m) => m.body.data.status === 'completed')!.body.data.name, 'helloworld');
  const status = await p.api<{ bus: { status: string } }>('GET', '/0.2/status');
  assert.equal(status.body.bus.status, 'ok');
});

test('concurrent installs of different plugins; the same plugin twice at once: one wins, one is told', async (t) => {
  const dir = scratch(t);
  fakeAsterisk(dir);
  const p = await startPlugind(t, dir, { concurrency: 4 });
  const repos = ['one', 'two', 'three', 'four'].map((name) => makePluginRepo(dir, { name, buildScript: 'sleep 0.3' }));
  const posted = await Promise.all(repos.map((r) => p.api<{ uuid: string }>('POST', '/0.2/plugins', { method: 'git', options: { url: r.url } })));
  assert.ok(posted.every((r) => r.status === 200));
  const results = await Promise.all(posted.map((r) => p.wait(r.body.uuid)));
  assert.ok(results.every((ev) => ev.at(-1)?.status === 'completed'), JSON.stringify(results.map((r) => r.at(-1))));
  const list = await p.api<{ total: number }>('GET', '/0.2/plugins');
  assert.equal(list.body.total, 4);
  // the jobs overlapped: one started building before another finished
  const jobs = posted.map((r) => p.plugind.service.jobs.get(r.body.uuid)!);
  const starts = jobs.map((j) => Date.parse(j.history.find((h) => h.status === 'building')!.time));
  const ends = jobs.map((j) => Date.parse(j.finishedAt!));
  assert.ok(Math.max(...starts) < Math.min(...ends), 'installs ran at the same time');

  // the same source twice at once
  const slow = makePluginRepo(dir, { name: 'slow', buildScript: 'sleep 0.5' });
  const [a, b] = await Promise.all([0, 1].map(() => p.api<{ uuid: string; error_id?: string; message?: string }>('POST', '/0.2/plugins', { method: 'git', options: { url: slow.url } })));
  const statusesSeen = [a!.status, b!.status].sort();
  assert.deepEqual(statusesSeen, [200, 409]);
  const loser = a!.status === 409 ? a! : b!;
  const winner = a!.status === 200 ? a! : b!;
  assert.equal(loser.body.error_id, 'plugin-busy');
  assert.match(loser.body.message!, new RegExp(`already being installed or removed by job ${winner.body.uuid}`));
  assert.equal((await p.wait(winner.body.uuid)).at(-1)?.status, 'completed');

  // the same plugin from two sources: the second job is told at validating
  const other = makePluginRepo(dir, { name: 'twin', buildScript: 'sleep 1' });
  const copy = makePluginRepo(dir, { name: 'twin', buildScript: 'sleep 1' });
  const first = await p.api<{ uuid: string }>('POST', '/0.2/plugins', { method: 'git', options: { url: other.url } });
  while (p.plugind.service.jobs.get(first.body.uuid)!.status !== 'building') await new Promise((r) => setTimeout(r, 10));
  const second = await p.api<{ uuid: string }>('POST', '/0.2/plugins', { method: 'git', options: { url: copy.url } });
  const secondEvents = await p.wait(second.body.uuid);
  assert.equal(secondEvents.at(-1)?.errors?.error_id, 'plugin-busy');
  assert.equal((await p.wait(first.body.uuid)).at(-1)?.status, 'completed');
  assert.deepEqual(readdirSync(join(p.dataDir, 'work')), []);
});

test('REST: tokens and ACLs, request validation, /status and /config without secrets', async (t) => {
  const dir = scratch(t);
  const p = await startPlugind(t, dir, { bus: { url: 'amqp://guest:secretpw@127.0.0.1:5672', exchange: `plugind-test-${randomBytes(4).toString('hex')}` } });
  assert.equal((await p.api('GET', '/0.2/plugins', undefined, '')).status, 401);
  assert.equal((await p.api('GET', '/0.2/plugins', undefined, 'nope')).status, 401);
  const made = await p.api<{ token: string }>('POST', '/0.2/tokens', { acl: ['plugind.plugins.read', 'plugind.plugins.*.*.read', 'plugind.market.#'] });
  assert.equal(made.status, 200);
  const reader = made.body.token;
  assert.equal((await p.api('GET', '/0.2/plugins', undefined, reader)).status, 200);
  const denied = await p.api<{ error_id: string; details: { required_acl: string } }>('DELETE', '/0.2/plugins/demo/x', undefined, reader);
  assert.equal(denied.status, 403);
  assert.equal(denied.body.details.required_acl, 'plugind.plugins.demo.x.delete');
  assert.equal((await p.api('POST', '/0.2/plugins', { method: 'git', options: { url: 'x' } }, reader)).status, 403);
  assert.equal((await p.api('GET', '/0.2/config', undefined, reader)).status, 403);

  const bad = async (body: unknown) => p.api<{ error_id: string; details: Record<string, { constraint_id: string }> }>('POST', '/0.2/plugins', body);
  assert.equal((await bad('')).status, 400, 'empty body');
  let r = await bad({ method: 'svn', options: { url: 'x' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.error_id, 'invalid-data');
  assert.equal(r.body.details.method?.constraint_id, 'regex');
  r = await bad({ method: 'git', options: {} });
  assert.equal(r.body.details['options.url']?.constraint_id, 'required');
  r = await bad({ method: 'git', options: { url: '--upload-pack=touch /tmp/x' } });
  assert.equal(r.body.details['options.url']?.constraint_id, 'regex');
  r = await bad({ method: 'git', options: { url: 'file:///x', subdirectory: '../../etc' } });
  assert.equal(r.body.details['options.subdirectory']?.constraint_id, 'regex');
  r = await bad({ method: 'market', options: { namespace: 'Bad-ns' } });
  assert.equal(r.body.details['options.namespace']?.constraint_id, 'regex');
  assert.equal(r.body.details['options.name']?.constraint_id, 'required');
  assert.equal((await p.api('POST', '/0.2/plugins', 'x'.repeat(100_000))).status, 413);

  const status = await p.api<{ rest_api: { status: string }; backend: { kind: string } }>('GET', '/0.2/status');
  assert.equal(status.body.rest_api.status, 'ok');
  assert.equal(status.body.backend.kind, 'dir');
  const config = await p.api('GET', '/0.2/config');
  assert.equal(config.status, 200);
  assert.ok(!JSON.stringify(config.body).includes('secretpw'), 'no password in /config');
  assert.match(JSON.stringify(config.body), /guest:\*{8}@/);
});
