import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEphemeralProvd } from './index.js';

const testPlugin = new URL('../../test/fixtures/plugins/test-plugin', import.meta.url).pathname;

test('an ephemeral provd serves on loopback with its plugins, and close() removes everything', async () => {
  const running = await startEphemeralProvd({ plugins: [testPlugin] });
  try {
    assert.ok(existsSync(join(running.dataDir, 'plugins', 'test-plugin')));
    const status = await fetch(`${running.rest}/0.2/status`, { headers: { accept: 'application/vnd.proformatique.provd+json', 'x-auth-token': running.adminToken } });
    assert.equal(status.status, 200);
    assert.ok(running.tftpPort > 0);
    assert.equal(running.addresses.http.host, '127.0.0.1');
  } finally {
    await running.close();
    await running.close();
  }
  assert.equal(existsSync(running.dataDir), false);
  await assert.rejects(fetch(`${running.rest}/0.2/status`));
});

test('a provd that cannot listen is closed and leaves no data directory', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  // A private temporary folder (os.tmpdir() follows TMPDIR), so other test processes' folders do not count.
  const privateTmp = mkdtempSync(join(tmpdir(), 'ephemeral-test-'));
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = privateTmp;
  try {
    await assert.rejects(startEphemeralProvd({ settings: { 'rest_api.port': port } }), /EADDRINUSE/);
    assert.deepEqual(readdirSync(privateTmp), []);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    taken.close();
    rmSync(privateTmp, { recursive: true, force: true });
  }
});
