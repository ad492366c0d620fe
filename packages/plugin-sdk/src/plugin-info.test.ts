import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InvalidDocumentError, isSdkError } from './errors.js';
import { checkIfaceVersion, isIfaceCompatible, localizedDescription, parsePluginInfo, pluginInfoWarnings, readPluginInfo } from './plugin-info.js';

const good = {
  version: '1.1.0',
  description: 'Plugin for Digium D40, D50 and D70 in version 1.4.0.0.',
  description_fr: 'Greffon pour Digium D40, D50 et D70 en version 1.4.0.0.',
  capabilities: { 'Digium, D40, 1.4.0.0': { lines: 2, type: 'deskphone', protocol: 'sip' } },
};

test('readPluginInfo reads and keeps every field', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pi-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await assert.rejects(readPluginInfo(dir), (err) => isSdkError(err, 'DT_ERR_PLUGIN_INFO_MISSING'));
  await writeFile(join(dir, 'plugin-info'), JSON.stringify({ ...good, 'vendor.url': 'https://x' }));
  const info = await readPluginInfo(dir);
  assert.equal(info.version, '1.1.0');
  assert.equal(info['vendor.url'], 'https://x');
  assert.deepEqual(pluginInfoWarnings(info), []);
});

test('parsePluginInfo lists every problem', () => {
  assert.throws(() => parsePluginInfo('{'), (err) => isSdkError(err, 'DT_ERR_PLUGIN_INFO_INVALID'));
  assert.throws(() => parsePluginInfo('[]'), InvalidDocumentError);
  try {
    parsePluginInfo(JSON.stringify({ version: '', description: 3, plugin_iface_version_min: 'x', capabilities: { a: 1 } }));
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof InvalidDocumentError);
    assert.deepEqual(err.problems.map((p) => p.where).sort(), ['capabilities["a"]', 'description', 'plugin_iface_version_min', 'version']);
  }
});

test('pluginInfoWarnings flags legacy and odd capabilities', () => {
  const w = pluginInfoWarnings({ version: '1', capabilities: { 'Gigaset, N870': { ha: true, proto: 'sip', type: 'phone' } } });
  assert.equal(w.length, 5);
  assert.ok(w.some((x) => x.includes('legacy key, use high_availability')));
  assert.ok(w.some((x) => x.startsWith('description')));
});

test('interface version bounds', () => {
  assert.equal(isIfaceCompatible({ version: '1' }), true);
  assert.equal(isIfaceCompatible({ version: '1', plugin_iface_version_min: 1, plugin_iface_version_max: 1 }), true);
  assert.equal(isIfaceCompatible({ version: '1', plugin_iface_version_min: 2 }), false);
  assert.equal(isIfaceCompatible({ version: '1', plugin_iface_version_max: 0.2 }), false);
  assert.throws(() => checkIfaceVersion({ version: '1', plugin_iface_version_min: 2 }), (err) => isSdkError(err, 'DT_ERR_PLUGIN_IFACE_MISMATCH'));
});

test('localizedDescription falls back locale → language → default', () => {
  const info = { ...good, description_fr_CA: 'Canada' };
  assert.equal(localizedDescription(info, 'fr_CA'), 'Canada');
  assert.equal(localizedDescription(info, 'fr_FR'), good.description_fr);
  assert.equal(localizedDescription(info, 'de_DE'), good.description);
  assert.equal(localizedDescription(info, null), good.description);
});
