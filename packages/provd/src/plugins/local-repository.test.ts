import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { installFromSourceFolder } from './local-repository.js';

test('a source plugin edited without a version bump is installed again, with a warning', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'local-repo-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const src = join(root, 'src/acme');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'plugin-info'), '{"version":"1.0"}');
  writeFileSync(join(src, 'entry.mjs'), 'export default () => ({}); // one');
  const plugins = join(root, 'plugins');
  mkdirSync(plugins);
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
  assert.deepEqual(installFromSourceFolder(join(root, 'src'), plugins, log), ['acme']);
  assert.deepEqual(installFromSourceFolder(join(root, 'src'), plugins, log), [], 'unchanged: skipped');
  mkdirSync(join(plugins, 'acme/var/templates'), { recursive: true });
  writeFileSync(join(plugins, 'acme/var/templates/base.tpl'), 'override');
  writeFileSync(join(src, 'entry.mjs'), 'export default () => ({}); // two');
  assert.deepEqual(installFromSourceFolder(join(root, 'src'), plugins, log), ['acme']);
  assert.match(readFileSync(join(plugins, 'acme/entry.mjs'), 'utf8'), /two/);
  assert.equal(readFileSync(join(plugins, 'acme/var/templates/base.tpl'), 'utf8'), 'override');
  assert.ok(lines.some((l) => /changed without a version bump/.test(l) && /"level":40/.test(l)), 'a warning is logged');
});
