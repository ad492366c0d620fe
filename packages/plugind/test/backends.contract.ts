import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addVersionBranch, fakeAsterisk, hooks, makePluginRepo, scratch, startPlugind, statuses, type PluginSpec } from './support.js';

const FULL = ['starting', 'downloading', 'extracting', 'validating', 'installing dependencies', 'building', 'packaging', 'updating', 'installing', 'cleaning', 'completed'];
const CONF = 'etc/asterisk/extensions_extra.d/helloworld.conf';

/** The same install/uninstall behaviour, run against each backend. */
export function runBackendContract(kind: 'dir' | 'deb'): void {
  const setup = async (t: TestContext) => {
    const dir = scratch(t, `plugind-${kind}-`);
    const asteriskLog = fakeAsterisk(dir);
    const root = join(dir, kind === 'dir' ? 'prefix' : 'root');
    const p = await startPlugind(t, dir, kind === 'dir' ? { backend: 'dir', prefix: root } : { backend: 'deb', debRoot: root });
    const installGit = async (options: Record<string, unknown>, query = '') => {
      const r = await p.api<{ uuid: string }>('POST', `/0.2/plugins${query}`, { method: 'git', options });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return { uuid: r.body.uuid, events: await p.wait(r.body.uuid) };
    };
    const uninstall = async (ns: string, name: string) => {
      const r = await p.api<{ uuid: string }>('DELETE', `/0.2/plugins/${ns}/${name}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return p.wait(r.body.uuid);
    };
    /** Nothing left: no workspace, no plugin, no file. */
    const assertNoResidue = async () => {
      assert.deepEqual(readdirSync(join(p.dataDir, 'work')), [], 'workspace left behind');
      const list = await p.api<{ total: number }>('GET', '/0.2/plugins');
      assert.equal(list.body.total, 0, 'a plugin is still listed');
      assert.ok(!existsSync(join(root, CONF)), 'a plugin file is still there');
    };
    return { dir, root, asteriskLog, p, installGit, uninstall, assertNoResidue, repo: (spec?: PluginSpec, sub?: string) => makePluginRepo(dir, spec, sub) };
  };

  test(`${kind}: the seed's hello-world plugin installs from git and uninstalls cleanly`, async (t) => {
    const s = await setup(t);
    const { url, hooksLog } = s.repo();
    const { events } = await s.installGit({ url });
    assert.deepEqual(statuses(events), FULL);
    assert.equal(readFileSync(join(s.root, CONF), 'utf8'), '[xivo-extrafeatures]\nexten = ***42,1,Playback(hello-world)\nsame = n,Return()\n');
    assert.deepEqual(readFileSync(s.asteriskLog, 'utf8').trim().split('\n'), ['-x dialplan reload'], 'rules install reloaded the dialplan');
    const list = await s.p.api<{ items: { namespace: string; name: string; version: string }[]; total: number }>('GET', '/0.2/plugins');
    assert.deepEqual(list.body.items.map((i) => [i.namespace, i.name, i.version]), [['demo', 'helloworld', '0.0.1']]);
    const one = await s.p.api<{ description: string }>('GET', '/0.2/plugins/demo/helloworld');
    assert.equal(one.status, 200);
    assert.match(one.body.description, /\*\*\*42/);
    assert.equal((await s.p.api('GET', '/0.2/plugins/demo/nothere')).status, 404);
    assert.deepEqual(readdirSync(join(s.p.dataDir, 'work')), []);

    const un = await s.uninstall('demo', 'helloworld');
    assert.deepEqual(statuses(un), ['starting', 'removing', 'completed']);
    assert.deepEqual(hooks(hooksLog), ['install', 'uninstall'], 'format 0: no postrm');
    await s.assertNoResidue();
    assert.ok(!existsSync(join(s.root, 'etc/asterisk')), 'folders the plugin created are gone');
    assert.equal((await s.p.api('DELETE', '/0.2/plugins/demo/helloworld')).status, 404);
  });

  test(`${kind}: format 1 runs postrm after uninstall; hooks see PLUGIND_ROOT`, async (t) => {
    const s = await setup(t);
    const { url, hooksLog } = s.repo({ format: 1 });
    await s.installGit({ url });
    await s.uninstall('demo', 'helloworld');
    assert.deepEqual(hooks(hooksLog), ['install', 'uninstall', 'postrm']);
    const lines = readFileSync(hooksLog, 'utf8').trim().split('\n');
    assert.ok(lines.every((l) => l.endsWith(`root=${s.root}`)), lines.join('\n'));
    await s.assertNoResidue();
  });

  test(`${kind}: same version twice stops after validating; reinstall runs again; ref and subdirectory`, async (t) => {
    const s = await setup(t);
    const { url, repo, hooksLog } = s.repo();
    await s.installGit({ url });
    const again = await s.installGit({ url });
    assert.deepEqual(statuses(again.events), ['starting', 'downloading', 'extracting', 'validating', 'completed']);
    const re = await s.installGit({ url }, '?reinstall=true');
    assert.deepEqual(statuses(re.events), FULL);
    addVersionBranch(repo, 'v2', '0.0.2');
    const up = await s.installGit({ url, ref: 'v2' });
    assert.deepEqual(statuses(up.events), FULL);
    const one = await s.p.api<{ version: string }>('GET', '/0.2/plugins/demo/helloworld');
    assert.equal(one.body.version, '0.0.2');
    assert.deepEqual(hooks(hooksLog), ['install', 'install', 'install'], 'an upgrade runs install, not uninstall');
    const sub = s.repo({ name: 'nested' }, 'plugins/nested');
    const nested = await s.installGit({ url: sub.url, subdirectory: 'plugins/nested' });
    assert.equal(nested.events.at(-1)?.status, 'completed', JSON.stringify(nested.events.at(-1)));
    assert.ok(existsSync(join(s.root, 'etc/asterisk/extensions_extra.d/nested.conf')));
    assert.deepEqual(readdirSync(join(s.p.dataDir, 'work')), []);
  });

  for (const failAt of ['build', 'package', 'install'] as const) {
    test(`${kind}: ${failAt} fails → install-error naming the step, nothing left`, async (t) => {
      const s = await setup(t);
      const { url } = s.repo({ failAt });
      const { events } = await s.installGit({ url });
      const step = { build: 'building', package: 'packaging', install: 'installing' }[failAt];
      const seq = statuses(events);
      assert.deepEqual(seq, [...FULL.slice(0, FULL.indexOf(step) + 1), 'error']);
      const err = events.at(-1)!.errors!;
      assert.equal(err.error_id, 'install-error');
      assert.equal(err.details.step, step);
      assert.match(String(err.details.output_tail), new RegExp(`${failAt} failed on purpose`));
      await s.assertNoResidue();
    });
  }

  test(`${kind}: clone fails → install-error at downloading, nothing left`, async (t) => {
    const s = await setup(t);
    const { events } = await s.installGit({ url: `file://${s.dir}/no-such-repo` });
    assert.deepEqual(statuses(events), ['starting', 'downloading', 'error']);
    assert.equal(events.at(-1)!.errors!.error_id, 'install-error');
    assert.equal(events.at(-1)!.errors!.details.step, 'downloading');
    await s.assertNoResidue();
  });

  test(`${kind}: invalid plugin.yml → validation-error with per-field details, workspace cleaned`, async (t) => {
    const s = await setup(t);
    const { url } = s.repo({ rawYml: 'namespace: Demo\nname: hello\nversion: 1.0\nplugin_format_version: 999\n' });
    const { events } = await s.installGit({ url });
    assert.deepEqual(statuses(events), ['starting', 'downloading', 'extracting', 'validating', 'error']);
    const err = events.at(-1)!.errors!;
    assert.equal(err.error_id, 'validation-error');
    assert.equal((err.details.namespace as { constraint_id: string }).constraint_id, 'regex');
    assert.equal((err.details.plugin_format_version as { constraint_id: string }).constraint_id, 'range');
    await s.assertNoResidue();
  });

  test(`${kind}: uninstall hook fails → the plugin stays installed`, async (t) => {
    const s = await setup(t);
    const { url } = s.repo({ failAt: 'uninstall' });
    await s.installGit({ url });
    const un = await s.uninstall('demo', 'helloworld');
    assert.equal(un.at(-1)?.status, 'error');
    assert.ok(existsSync(join(s.root, CONF)));
    assert.equal((await s.p.api<{ total: number }>('GET', '/0.2/plugins')).body.total, 1);
  });
}
