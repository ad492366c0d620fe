/**
 * TFTP on port 69, as first-phone.md documents it ("run provd as root with --tftp-port 69"):
 * provd started through its bin as root, inside a network namespace of its own (so the port
 * cannot collide with anything else on the host), and a file fetched from it by tftp-hpa.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, startProvdProcess } from './support/provd-process.js';

test('provd serves TFTP on port 69 (root, in a network namespace); tftp-hpa fetches a file', async (t) => {
  assert.equal(process.getuid?.(), 0, 'this test binds port 69 and creates a network namespace: run the suite as root');
  const ns = `dt-tftp69-${process.pid}`;
  execFileSync('ip', ['netns', 'add', ns]);
  t.after(async () => void execFileSync('ip', ['netns', 'delete', ns]));
  execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  const work = mkdtempSync(join(tmpdir(), 'tftp69-'));
  t.after(async () => rmSync(work, { recursive: true, force: true }));
  const plugin = join(ROOT, 'packages', 'provd', 'test', 'fixtures', 'plugins', 'test-plugin');
  cpSync(plugin, join(work, 'sources', 'test-plugin'), { recursive: true });

  const provd = await startProvdProcess(t, { wrapper: ['ip', 'netns', 'exec', ns], args: ['--tftp-port', '69', '--plugin-repository', join(work, 'sources')] });
  assert.equal(provd.tftpPort, 69);
  const ready = provd.output.find((line) => line.includes('provd ready'));
  assert.ok(ready, provd.output.join('\n'));
  assert.match(ready, /TFTP \S+:69/);
  assert.doesNotMatch(ready, /phones ask port 69/, 'no hint when TFTP is already on 69');

  const target = join(work, 'firmware.bin');
  // a first request naming its MAC makes the phone known (and associated with test-plugin), as
  // a phone's first fetch does; its static files are then routed to it
  const tftp = (file: string, to: string) => execFileSync('ip', ['netns', 'exec', ns, 'tftp', '-v', '127.0.0.1', '69', '-m', 'binary', '-c', 'get', file, to], { timeout: 20_000, encoding: 'utf8', stdio: 'pipe' });
  assert.match(tftp('test/0a0000000001.cfg', join(work, 'first.cfg')), /Connected to 127\.0\.0\.1.*port 69/);
  // tftp-hpa exits 0 even when the server answers an error: its output says it
  const said = tftp('test/firmware.bin', target);
  assert.match(said, /Received \d+ bytes/, said);
  assert.deepEqual(readFileSync(target), readFileSync(join(plugin, 'var', 'tftpboot', 'test', 'firmware.bin')));
});
