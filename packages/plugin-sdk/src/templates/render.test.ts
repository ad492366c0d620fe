/** Rendering through @dialtone/jinja: the reference settings and the override search path. */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixturePlugin } from '../../test/fixtures.js';
import { isSdkError } from '../errors.js';
import { createMemoryFileSink } from '../testing/index.js';
import { createTemplateHelper } from './helper.js';

async function tempPlugin(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tpl-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(fixturePlugin('acme'), dir, { recursive: true });
  return dir;
}

test('render: autoescape off, silent undefined, trailing newline dropped', async (t) => {
  const dir = await tempPlugin(t);
  await writeFile(join(dir, 'templates', 'plain.tpl'), 'a={{ a }} b={{ missing }}|{{ "<&>" }}|{{ "\\"x\\""|e }}\n');
  await mkdir(join(dir, 'templates', 'common'));
  await writeFile(join(dir, 'templates', 'common', 'model.tpl'), '{% include "plain.tpl" %}!');
  const helper = createTemplateHelper({ dir });
  assert.equal(helper.render(['nope.tpl', 'common/model.tpl'], { a: 1 }), 'a=1 b=|<&>|&#34;x&#34;!', 'templates in subfolders');
  assert.equal(helper.render('plain.tpl', { a: '<1>' }), 'a=<1> b=|<&>|&#34;x&#34;');
});

test('render: an override extends the shipped template; invalidate() sees new overrides', async (t) => {
  const dir = await tempPlugin(t);
  const helper = createTemplateHelper({ dir });
  const ctx = { XX_device: { model: 'A1' }, XX_mac: 'm', XX_sip_lines: [], XX_funckeys: [] };
  assert.match(helper.render(['A1.tpl', 'base.tpl'], ctx), /^# Acme A1 m\n[^]*overridden by the admin\n/);
  await writeFile(join(dir, 'var', 'templates', 'base.tpl'), 'admin base {% block lines %}{% endblock %}');
  assert.doesNotMatch(helper.render(['A1.tpl', 'base.tpl'], ctx), /^admin base/, 'compiled templates are cached');
  helper.invalidate();
  assert.equal(helper.render(['A1.tpl', 'base.tpl'], ctx), 'admin base overridden by the admin\n');
});

test('renderTo encodes and writes; template errors are DT_ERR_TEMPLATE_RENDER with the template name', async (t) => {
  const dir = await tempPlugin(t);
  await writeFile(join(dir, 'templates', 'latin.tpl'), '{{ name }}');
  await writeFile(join(dir, 'templates', 'broken.tpl'), 'line one\n{% if %}\n');
  const helper = createTemplateHelper({ dir });
  const sink = createMemoryFileSink();
  await helper.renderTo(sink, 'out/latin.txt', 'latin.tpl', { name: 'Éva €' }, { encoding: 'latin-1', errors: 'replace' });
  assert.deepEqual(sink.files.get('out/latin.txt'), Buffer.from([0xc9, 0x76, 0x61, 0x20, 0x3f]));
  await assert.rejects(helper.renderTo(sink, 'x', 'latin.tpl', { name: '€' }, { encoding: 'ascii' }), (err) => isSdkError(err, 'DT_ERR_ENCODING'));
  await assert.rejects(helper.renderTo(sink, '../x', 'latin.tpl', {}), (err) => isSdkError(err, 'DT_ERR_INVALID_FILE_NAME'));
  assert.throws(() => helper.render('broken.tpl', {}), (err) => isSdkError(err, 'DT_ERR_TEMPLATE_RENDER') && /broken\.tpl/.test(err.message) && err.details.line === 2);
  await writeFile(join(dir, 'templates', 'outer.tpl'), 'x {% include "inner.tpl" %}');
  await writeFile(join(dir, 'templates', 'inner.tpl'), '\n\n{{ a.b.c }}');
  assert.throws(() => helper.resolve('outer.tpl'), (err) => isSdkError(err, 'DT_ERR_TEMPLATE_NOT_FOUND'), 'folders are listed once');
  helper.invalidate();
  assert.throws(() => helper.render('outer.tpl', {}), (err) => isSdkError(err, 'DT_ERR_TEMPLATE_RENDER') && err.details.template === 'inner.tpl' && err.details.line === 3 && err.details.rendered === 'outer.tpl');
});
