import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobEvent } from '../src/index.js';
import { addVersionBranch, fakeAsterisk, makePluginRepo, scratch, startPlugind, statuses, type PluginSpec } from './support.js';

interface Entry {
  spec: PluginSpec & { name: string };
  versions?: { version: string; ref?: string; min_wazo_version?: string }[];
  skipRepo?: boolean;
}

/** plugind with a market file listing git repositories created by the test. */
async function withMarket(t: TestContext, entries: Entry[], wazoVersion = '25.01', backend: 'dir' | 'deb' = 'dir') {
  const dir = scratch(t, 'plugind-deps-');
  fakeAsterisk(dir);
  const items = entries.map((e) => {
    const { url, repo } = makePluginRepo(dir, { namespace: 'acme', ...e.spec });
    for (const v of e.versions ?? []) if (v.ref) addVersionBranch(repo, v.ref, v.version);
    return {
      namespace: 'acme',
      name: e.spec.name,
      display_name: `The ${e.spec.name} plugin`,
      tags: ['test'],
      versions: (e.versions ?? [{ version: e.spec.version ?? '0.0.1' }]).map((v) => ({
        version: v.version,
        method: 'git',
        options: { url, ...(v.ref ? { ref: v.ref } : {}) },
        ...(v.min_wazo_version ? { min_wazo_version: v.min_wazo_version } : {}),
      })),
    };
  });
  const marketFile = join(dir, 'market.json');
  writeFileSync(marketFile, JSON.stringify({ items }));
  const p = await startPlugind(t, dir, { marketUrl: marketFile, marketTtlMs: 0, wazoVersion, ...(backend === 'deb' ? { backend: 'deb', debRoot: join(dir, 'root') } : {}) });
  const install = async (body: unknown) => {
    const r = await p.api<{ uuid: string }>('POST', '/0.2/plugins', body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return { uuid: r.body.uuid, events: await p.wait(r.body.uuid) };
  };
  const installed = async () => (await p.api<{ items: { name: string; version: string }[] }>('GET', '/0.2/plugins')).body.items.map((i) => `${i.name}@${i.version}`).sort();
  return { dir, p, install, installed, prefix: join(dir, 'prefix') };
}

const byJob = (events: JobEvent[]) => {
  const out = new Map<string, string[]>();
  for (const e of events) out.set(`${e.namespace}/${e.name}`, [...(out.get(`${e.namespace}/${e.name}`) ?? []), e.status]);
  return out;
};

test('a chain of three: dependencies resolved first, installed leaves first, each as its own job', async (t) => {
  const m = await withMarket(t, [
    { spec: { name: 'one', depends: [{ namespace: 'acme', name: 'two' }] } },
    { spec: { name: 'two', depends: [{ namespace: 'acme', name: 'three' }] } },
    { spec: { name: 'three' } },
  ]);
  const { uuid, events } = await m.install({ method: 'market', options: { namespace: 'acme', name: 'one' } });
  assert.equal(events.at(-1)?.uuid, uuid);
  assert.equal(events.at(-1)?.status, 'completed');
  assert.deepEqual(await m.installed(), ['one@0.0.1', 'three@0.0.1', 'two@0.0.1']);
  const jobs = byJob(events);
  assert.deepEqual(jobs.get('acme/three'), ['starting', 'downloading', 'extracting', 'validating', 'building', 'packaging', 'updating', 'installing', 'completed']);
  const completedAt = (name: string) => events.findIndex((e) => e.name === name && e.status === 'completed');
  assert.ok(completedAt('three') < completedAt('two') && completedAt('two') < completedAt('one'), 'leaves first');
  const validatedAll = Math.max(...['two', 'three'].map((n) => events.findIndex((e) => e.name === n && e.status === 'validating')));
  const firstBuild = events.findIndex((e) => e.status === 'building');
  assert.ok(validatedAll < firstBuild, 'the whole graph is resolved before anything is built');
  const child = events.find((e) => e.name === 'three')!;
  assert.equal(child.root, uuid);
  assert.notEqual(child.uuid, uuid);

  // removal refuses while depended upon, unless cascade
  const refused = await m.p.api<{ error_id: string; details: { dependents: string[] } }>('DELETE', '/0.2/plugins/acme/three');
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error_id, 'plugin-depended-upon');
  assert.deepEqual(refused.body.details.dependents.sort(), ['acme/one', 'acme/two']);
  const cascade = await m.p.api<{ uuid: string }>('DELETE', '/0.2/plugins/acme/three?cascade=true');
  assert.equal(cascade.status, 200);
  await m.p.wait(cascade.body.uuid);
  assert.deepEqual(m.p.plugind.service.jobs.get(cascade.body.uuid)!.request.removed, ['acme/one', 'acme/two', 'acme/three']);
  assert.deepEqual(await m.installed(), []);
});

test('an installed dependency is kept as it is (not upgraded)', async (t) => {
  const m = await withMarket(t, [
    { spec: { name: 'app', depends: [{ namespace: 'acme', name: 'lib' }] } },
    { spec: { name: 'lib' }, versions: [{ version: '0.0.1' }, { version: '0.0.2', ref: 'v2' }] },
  ]);
  await m.install({ method: 'market', options: { namespace: 'acme', name: 'lib', version: '0.0.1' } });
  const { events } = await m.install({ method: 'market', options: { namespace: 'acme', name: 'app' } });
  assert.equal(events.at(-1)?.status, 'completed');
  assert.deepEqual(await m.installed(), ['app@0.0.1', 'lib@0.0.1']);
});

test('a cycle fails before anything is installed', async (t) => {
  const m = await withMarket(t, [
    { spec: { name: 'a', depends: [{ namespace: 'acme', name: 'b' }] } },
    { spec: { name: 'b', depends: [{ namespace: 'acme', name: 'a' }] } },
  ]);
  const { events } = await m.install({ method: 'market', options: { namespace: 'acme', name: 'a' } });
  const last = events.at(-1)!;
  assert.equal(last.status, 'error');
  assert.equal(last.errors?.error_id, 'dependency-error');
  assert.match(last.errors!.message, /cycle: acme\/a -> acme\/b -> acme\/a/);
  assert.ok(!events.some((e) => e.status === 'building'));
  assert.deepEqual(await m.installed(), []);
  assert.deepEqual(readdirSync(join(m.p.dataDir, 'work')), []);
});

test('a missing dependency fails fast with a clear message; nothing installed', async (t) => {
  const m = await withMarket(t, [
    { spec: { name: 'top', depends: [{ namespace: 'acme', name: 'mid' }, { namespace: 'acme', name: 'ghost' }] } },
    { spec: { name: 'mid' } },
  ]);
  const { events } = await m.install({ method: 'market', options: { namespace: 'acme', name: 'top' } });
  const last = events.at(-1)!;
  assert.equal(last.errors?.error_id, 'dependency-error');
  assert.match(last.errors!.message, /acme\/top needs acme\/ghost: acme\/ghost is not in the market/);
  const ghost = events.find((e) => e.name === 'ghost' && e.status === 'error')!;
  assert.equal(ghost.errors?.error_id, 'downloading-error');
  assert.equal(byJob(events).get('acme/mid')?.at(-1), 'error', 'the prepared sibling is not left hanging');
  assert.ok(!events.some((e) => e.status === 'building'));
  assert.deepEqual(await m.installed(), []);
});

test('a failed dependency fails the parent', async (t) => {
  const m = await withMarket(t, [
    { spec: { name: 'top', depends: [{ namespace: 'acme', name: 'bad' }] } },
    { spec: { name: 'bad', failAt: 'build' } },
  ]);
  const { events } = await m.install({ method: 'market', options: { namespace: 'acme', name: 'top' } });
  assert.equal(byJob(events).get('acme/bad')?.at(-1), 'error');
  const last = events.at(-1)!;
  assert.equal(last.name, 'top');
  assert.equal(last.errors?.error_id, 'dependency-error');
  assert.match(last.errors!.message, /dependency acme\/bad failed: building/);
  assert.deepEqual(await m.installed(), []);
  assert.ok(!existsSync(join(m.prefix, 'etc/asterisk/extensions_extra.d/top.conf')));
});

test('market REST: search, paging, installed_version, upgradable; install by version', async (t) => {
  const m = await withMarket(
    t,
    [
      { spec: { name: 'conference' }, versions: [{ version: '0.0.1' }, { version: '0.0.2', ref: 'v2' }, { version: '0.0.10', ref: 'v10', min_wazo_version: '26.01' }] },
      ...['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map((name) => ({ spec: { name } })),
    ],
    '25.01',
  );
  type List = { items: { name: string; installed_version: string | null; versions: { version: string; upgradable: boolean; options?: unknown }[] }[]; total: number; filtered: number };
  const all = await m.p.api<List>('GET', '/0.2/market?limit=2&offset=2&order=name');
  assert.deepEqual(all.body.items.map((i) => i.name), ['charlie', 'conference']);
  assert.equal(all.body.total, 7);
  assert.equal(all.body.filtered, 7);
  assert.equal(all.body.items[1]!.versions[0]!.options, undefined, 'the list hides options');
  const search = await m.p.api<List>('GET', '/0.2/market?search=CONFÉRENCE');
  assert.equal(search.body.filtered, 1);
  assert.deepEqual(search.body.items[0]!.versions.map((v) => v.upgradable), [true, true, false], '0.0.10 needs Wazo 26.01');
  const desc = await m.p.api<List>('GET', '/0.2/market?order=name&direction=desc&limit=1');
  assert.equal(desc.body.items[0]!.name, 'foxtrot');
  assert.equal((await m.p.api('GET', '/0.2/market?limit=-1')).status, 400);
  assert.equal((await m.p.api('GET', '/0.2/market/acme/nothere')).status, 404);

  await m.install({ method: 'market', options: { namespace: 'acme', name: 'conference', version: '0.0.1' } });
  let item = await m.p.api<List['items'][number]>('GET', '/0.2/market/acme/conference');
  assert.equal(item.body.installed_version, '0.0.1');
  assert.deepEqual(item.body.versions.map((v) => v.upgradable), [false, true, false]);
  const installedOnly = await m.p.api<List>('GET', '/0.2/market?installed=true');
  assert.deepEqual(installedOnly.body.items.map((i) => i.name), ['conference']);

  // no version asked and already installed: satisfied, as the reference does
  const noop = await m.install({ method: 'market', options: { namespace: 'acme', name: 'conference' } });
  assert.deepEqual(statuses(noop.events), ['starting', 'downloading', 'completed']);
  const up = await m.install({ method: 'market', options: { namespace: 'acme', name: 'conference', version: '0.0.2' } });
  assert.equal(up.events.at(-1)?.status, 'completed');
  item = await m.p.api('GET', '/0.2/market/acme/conference');
  assert.equal(item.body.installed_version, '0.0.2');
  const tooNew = await m.install({ method: 'market', options: { namespace: 'acme', name: 'conference', version: '0.0.10' } });
  assert.equal(tooNew.events.at(-1)?.errors?.error_id, 'downloading-error');
  assert.match(tooNew.events.at(-1)!.errors!.message, /no installable version/);

  const un = await m.p.api<{ uuid: string }>('DELETE', '/0.2/plugins/acme/conference');
  await m.p.wait(un.body.uuid);
  item = await m.p.api('GET', '/0.2/market/acme/conference');
  assert.equal(item.body.installed_version, null);
});

test('deb backend: a chain of three becomes three packages whose Depends dpkg enforces', async (t) => {
  const m = await withMarket(
    t,
    [
      { spec: { name: 'one', depends: [{ namespace: 'acme', name: 'two' }] } },
      { spec: { name: 'two', depends: [{ namespace: 'acme', name: 'three' }] } },
      { spec: { name: 'three' } },
    ],
    '25.01',
    'deb',
  );
  const { events } = await m.install({ method: 'market', options: { namespace: 'acme', name: 'one' } });
  assert.equal(events.at(-1)?.status, 'completed', JSON.stringify(events.at(-1)));
  assert.deepEqual(await m.installed(), ['one@0.0.1', 'three@0.0.1', 'two@0.0.1']);
  const root = join(m.dir, 'root');
  const depends = execFileSync('dpkg-query', [`--root=${root}`, '-W', '-f', '${Package}:${Depends}\n', 'dialtone-plugind-one-acme']).toString().trim();
  assert.equal(depends, 'dialtone-plugind-one-acme:dialtone-plugind-two-acme');
  // dpkg itself would refuse too; plugind answers first, with the dependents
  const refused = await m.p.api<{ details: { dependents: string[] } }>('DELETE', '/0.2/plugins/acme/two');
  assert.equal(refused.status, 409);
  assert.deepEqual(refused.body.details.dependents, ['acme/one']);
  const cascade = await m.p.api<{ uuid: string }>('DELETE', '/0.2/plugins/acme/three?cascade=true');
  assert.equal((await m.p.wait(cascade.body.uuid)).at(-1)?.status, 'completed');
  assert.deepEqual(await m.installed(), []);
  assert.equal(execFileSync('dpkg-query', [`--root=${root}`, '-W', '-f', '${Package} ${db:Status-Abbrev}\n']).toString().trim(), '');
});
