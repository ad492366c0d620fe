import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseVersion, createMarket, fold, isUpgradable, queryMarket, type MarketItem } from './index.js';
import { isPlugindError } from '../errors.js';

const names = ['conference', 'admin-ui', 'callback', 'dnd', 'voicemail-ext', 'queue-stats', 'fax', 'parking', 'paging', 'recording', 'chat', 'wallboard'];
const catalogue: MarketItem[] = names.map((name, i) => ({
  namespace: i % 2 ? 'official' : 'community',
  name,
  display_name: i === 3 ? 'Ne pas déranger (François)' : name.toUpperCase(),
  tags: i === 0 ? ['meeting', 'Audio'] : ['misc'],
  versions: [
    { version: '0.0.2', method: 'git', options: { url: `https://example/${name}`, ref: 'v2' } },
    { version: '0.0.10', method: 'git', options: { url: `https://example/${name}`, ref: 'v10' }, min_wazo_version: '17.11' },
  ],
}));

test('search is case and accent insensitive, over values and list elements', () => {
  assert.equal(fold('François'), 'francois');
  assert.equal(queryMarket(catalogue, new Map(), '17.10', { search: 'CONFÉRENCE' }).filtered, 1);
  assert.equal(queryMarket(catalogue, new Map(), '17.10', { search: 'françois' }).items[0]?.name, 'dnd');
  assert.equal(queryMarket(catalogue, new Map(), '17.10', { search: 'francois' }).items[0]?.name, 'dnd');
  assert.equal(queryMarket(catalogue, new Map(), '17.10', { search: 'audio' }).items[0]?.name, 'conference');
});

test('sort, paging, total and filtered', () => {
  const all = [...names].sort();
  // "in": admin-ui, paging, parking, recording by name, conference by its tag "meeting"
  const r = queryMarket(catalogue, new Map(), '17.10', { search: 'IN', order: 'name', limit: 3, offset: 2 });
  assert.deepEqual(r.items.map((i) => i.name), ['paging', 'parking', 'recording']);
  assert.equal(r.total, 12);
  assert.equal(r.filtered, 5);
  const desc = queryMarket(catalogue, new Map(), '17.10', { order: 'name', direction: 'desc', limit: 2 });
  assert.deepEqual(desc.items.map((i) => i.name), [...all].reverse().slice(0, 2));
});

test('exact-match filters, installed filter and installed_version', () => {
  const installed = new Map([['community/conference', '0.0.2']]);
  assert.equal(queryMarket(catalogue, installed, '17.10', { filters: { namespace: 'official' } }).filtered, 6);
  const only = queryMarket(catalogue, installed, '17.10', { installed: true });
  assert.deepEqual(only.items.map((i) => [i.name, i.installed_version]), [['conference', '0.0.2']]);
  assert.equal(queryMarket(catalogue, installed, '17.10', { installed: false }).filtered, 11);
});

test('the list hides method and options', () => {
  const v = queryMarket(catalogue, new Map(), '17.10', { limit: 1 }).items[0]!.versions[0]!;
  assert.equal(v.method, undefined);
  assert.equal(v.options, undefined);
});

test('unorderable sort key', () => {
  assert.throws(() => queryMarket(catalogue, new Map(), '17.10', { order: 'tags' }), (e) => isPlugindError(e, 'DT_ERR_PLUGIND_INVALID_SORT'));
});

test('upgradable matrix with real version comparison', () => {
  const v = { version: '0.0.10', min_wazo_version: '17.9', max_wazo_version: '17.12' };
  assert.equal(isUpgradable(v, '17.10', null), true);
  assert.equal(isUpgradable(v, '17.8', null), false, 'below min');
  assert.equal(isUpgradable(v, '18.01', null), false, 'above max');
  assert.equal(isUpgradable(v, '17.10', '0.0.9'), true, '0.0.9 < 0.0.10 as versions');
  assert.equal(isUpgradable(v, '17.10', '0.0.10'), false);
  assert.equal(isUpgradable(v, '17.10', '0.1.0'), false);
  const r = queryMarket(catalogue, new Map([['community/conference', '0.0.2']]), '17.10', { search: 'conference' });
  assert.deepEqual(r.items[0]!.versions.map((x) => x.upgradable), [false, false]);
  const later = queryMarket(catalogue, new Map([['community/conference', '0.0.2']]), '17.11', { search: 'conference' });
  assert.deepEqual(later.items[0]!.versions.map((x) => x.upgradable), [false, true]);
});

test('chooseVersion takes the highest installable version, or the requested one', () => {
  const item = catalogue[0]!;
  assert.equal(chooseVersion(item, '17.11', null)?.version, '0.0.10');
  assert.equal(chooseVersion(item, '17.10', null)?.version, '0.0.2');
  assert.equal(chooseVersion(item, '17.11', null, '0.0.2')?.version, '0.0.2');
  assert.equal(chooseVersion(item, '17.10', null, '0.0.10'), undefined);
  assert.equal(chooseVersion(item, '17.10', '0.0.2'), undefined);
  assert.equal(chooseVersion(item, '17.10', '0.0.2', undefined, true)?.version, '0.0.2');
});

test('HTTP catalogue cached for the TTL; file catalogue; errors are market-unavailable', async (t) => {
  let hits = 0;
  let status = 200;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: catalogue }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/plugins`;
  const cachedMarket = createMarket({ url, ttlMs: 60_000 });
  assert.equal((await cachedMarket.items()).length, 12);
  await cachedMarket.find('community', 'conference');
  assert.equal(hits, 1);
  const fresh = createMarket({ url, ttlMs: 0 });
  await fresh.items();
  await fresh.items();
  assert.equal(hits, 3);
  status = 500;
  await assert.rejects(fresh.items(), (e) => isPlugindError(e, 'DT_ERR_PLUGIND_MARKET_UNAVAILABLE'));

  const dir = mkdtempSync(join(tmpdir(), 'plugind-market-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'm.json'), JSON.stringify({ items: catalogue.slice(0, 2) }));
  assert.equal((await createMarket({ url: join(dir, 'm.json'), ttlMs: 0 }).items()).length, 2);
  writeFileSync(join(dir, 'bad.json'), '{nope');
  await assert.rejects(createMarket({ url: `file://${join(dir, 'bad.json')}`, ttlMs: 0 }).items(), (e) => isPlugindError(e, 'DT_ERR_PLUGIND_MARKET_UNAVAILABLE'));
  server.closeAllConnections();
});
