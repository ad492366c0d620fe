/**
 * The plugin host contract: every host (provd's PluginHost, the SDK's test host) loads plugins
 * through loadPlugin and must show the same outcome for the same folder. Each case writes its
 * own plugin folder, so the suite carries no fixtures.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PluginInfo } from '../plugin-info.js';
import type { FileSink, ProvdPlugin } from '../plugin.js';

export interface HostUnderTest {
  /**
   * Loads the plugin folder `dir` as plugin `id`, with `baseRawConfig` for configureCommon.
   * Rejects with an error carrying the loader's `code` when the plugin does not load.
   */
  load(dir: string, id: string, baseRawConfig: Record<string, unknown>): Promise<{ info: PluginInfo; plugin: ProvdPlugin; files: FileSink }>;
  close(): Promise<void>;
}

const INFO = JSON.stringify({ version: '1.2.3', description: 'contract plugin', capabilities: { 'Acme, X1, 1.0': { lines: 1 } } });

const VALID_ENTRY = `
export default (ctx) => ({
  info: { version: 'from-code' },
  async configureCommon(raw) {
    await ctx.files.write('common.cfg', 'ip=' + raw.ip + ' id=' + ctx.id + ' mac=' + ctx.sdk.mac.normalizeMac('000FD3054848'));
  },
  async configure(device) { await ctx.files.write(device.id + '.cfg', 'x'); },
  async deconfigure(device) { await ctx.files.remove(device.id + '.cfg'); },
  associator: { associate: () => 300 },
  extractors: { http: { extract: (req) => (req.path === '/acme.cfg' ? { vendor: 'Acme' } : null) } },
  http: false,
});
`;

async function pluginFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'host-contract-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

export function runPluginHostContract(name: string, make: () => Promise<HostUnderTest>): void {
  const withHost = (title: string, files: Record<string, string>, body: (host: HostUnderTest, dir: string) => Promise<void>) =>
    test(`${name} host: ${title}`, async (t) => {
      const host = await make();
      const dir = await pluginFolder(files);
      t.after(async () => {
        await host.close();
        await rm(dir, { recursive: true, force: true });
      });
      await body(host, dir);
    });
  const rejectsWith = async (host: HostUnderTest, dir: string, code: string, message?: RegExp) =>
    assert.rejects(host.load(dir, 'contract', { ip: '10.1.2.3' }), (err: Error & { code?: string }) => {
      assert.equal(err.code, code, err.message);
      if (message) assert.match(err.message, message);
      return true;
    });

  withHost('a valid module gets its context and configureCommon the base raw config', { 'plugin-info': INFO, 'entry.mjs': VALID_ENTRY }, async (host, dir) => {
    const { info, plugin, files } = await host.load(dir, 'contract-1.2.3', { ip: '10.1.2.3' });
    assert.equal(info.version, '1.2.3', 'plugin-info is the source of the version');
    assert.equal((await files.read('common.cfg'))?.toString(), 'ip=10.1.2.3 id=contract-1.2.3 mac=00:0f:d3:05:48:48');
    assert.equal(await plugin.associator?.associate({}), 300);
    await plugin.configure?.({ id: 'd1' }, {});
    assert.deepEqual(await files.list(), ['common.cfg', 'd1.cfg']);
  });

  withHost('a misspelt member is refused, with a hint', { 'plugin-info': INFO, 'entry.mjs': 'export default () => ({ configur() {} });' }, (host, dir) =>
    rejectsWith(host, dir, 'DT_ERR_PLUGIN_MEMBERS_INVALID', /configur: unknown member \(did you mean "configure"\?\)/),
  );

  withHost('a member of the wrong kind is refused', { 'plugin-info': INFO, 'entry.mjs': 'export default () => ({ configure: "yes", http: true });' }, (host, dir) =>
    rejectsWith(host, dir, 'DT_ERR_PLUGIN_MEMBERS_INVALID', /configure: must be a function[\s\S]*http: must be an object or false/),
  );

  withHost('nested members are a closed list too', { 'plugin-info': INFO, 'entry.mjs': 'export default () => ({ extractors: { htp: { extract() {} }, tftp: {} } });' }, (host, dir) =>
    rejectsWith(host, dir, 'DT_ERR_PLUGIN_MEMBERS_INVALID', /extractors\.htp: unknown member \(did you mean "http"\?\)[\s\S]*extractors\.tftp\.extract: must be a function/),
  );

  withHost('an interface version out of range', { 'plugin-info': JSON.stringify({ version: '1', plugin_iface_version_min: 99 }), 'entry.mjs': VALID_ENTRY }, (host, dir) =>
    rejectsWith(host, dir, 'DT_ERR_PLUGIN_IFACE_MISMATCH'),
  );

  withHost('no plugin-info', { 'entry.mjs': VALID_ENTRY }, (host, dir) => rejectsWith(host, dir, 'DT_ERR_PLUGIN_INFO_MISSING'));

  withHost('an invalid plugin-info', { 'plugin-info': '{"version": 3}', 'entry.mjs': VALID_ENTRY }, (host, dir) => rejectsWith(host, dir, 'DT_ERR_PLUGIN_INFO_INVALID', /version/));

  withHost('no entry', { 'plugin-info': INFO }, (host, dir) => rejectsWith(host, dir, 'DT_ERR_PLUGIN_ENTRY_MISSING'));

  withHost('a default export that is not a factory', { 'plugin-info': INFO, 'entry.mjs': 'export default 42;' }, (host, dir) => rejectsWith(host, dir, 'DT_ERR_PLUGIN_ENTRY_INVALID'));

  withHost('a throwing factory', { 'plugin-info': INFO, 'entry.mjs': 'export default () => { throw new Error("boom"); };' }, (host, dir) =>
    rejectsWith(host, dir, 'DT_ERR_PLUGIN_INIT_FAILED', /boom/),
  );

  const marker = join(tmpdir(), `host-contract-closed-${process.pid}-${Date.now()}`);
  withHost(
    'a throwing configureCommon: the plugin is closed',
    {
      'plugin-info': INFO,
      'entry.mjs': `import { writeFileSync } from 'node:fs';
export default () => ({ configureCommon() { throw new Error('common broke'); }, close() { writeFileSync(${JSON.stringify(marker)}, 'yes'); } });`,
    },
    async (host, dir) => {
      await rejectsWith(host, dir, 'DT_ERR_PLUGIN_INIT_FAILED', /configureCommon failed: common broke/);
      assert.equal(await readFile(marker, 'utf8'), 'yes');
      await rm(marker, { force: true });
    },
  );
}
