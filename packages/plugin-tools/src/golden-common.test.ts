import assert from 'node:assert/strict';
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../test/support.js';
import { formatTestReport, testSources } from './test-run.js';

const YEALINK_SOURCE = fileURLToPath(new URL('../../../plugins/yealink', import.meta.url));

test('common files are golden files too (_common): a changed common template fails, a missing folder fails, --update writes it', async (t) => {
  const src = join(await tempDir(t), 'yealink');
  await cp(YEALINK_SOURCE, src, { recursive: true, filter: (path) => !path.includes('node_modules') });
  const first = await testSources([src], { goldenOnly: true });
  assert.ok(first.passed, formatTestReport(first).join('\n'));
  assert.equal(first.golden.at(-1)?.fixture, '_common');

  const tpl = join(src, 'templates', 'common.tpl');
  await writeFile(tpl, `x_common_marker = 1\n${await readFile(tpl, 'utf8')}`);
  const changed = await testSources([src], { goldenOnly: true });
  assert.equal(changed.passed, false);
  const common = changed.golden.find((g) => g.fixture === '_common')!;
  assert.ok(common.changed.length > 0);
  assert.ok(common.changed.every((c) => c.got.includes('x_common_marker')), JSON.stringify(common.changed[0]));
  assert.ok(changed.golden.filter((g) => g.fixture !== '_common').every((g) => g.changed.length === 0), 'device files do not include common.tpl');

  const goldenCommon = (await readdir(join(src, 'test', 'golden', '_common'))).sort();
  assert.ok(goldenCommon.length > 0);
  await rm(join(src, 'test', 'golden', '_common'), { recursive: true });
  const missing = await testSources([src], { goldenOnly: true });
  const unexpected = missing.golden.find((g) => g.fixture === '_common')!;
  assert.deepEqual(unexpected.unexpected, goldenCommon);
  assert.match(formatTestReport(missing).join('\n'), /FAIL golden yealink-86 _common/);

  const updated = await testSources([src], { goldenOnly: true, update: true });
  assert.deepEqual(updated.golden.find((g) => g.fixture === '_common')?.written, goldenCommon);
  assert.ok((await testSources([src], { goldenOnly: true })).passed);
});
