import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { resolveConfig } from '../config/index.js';
import { createProvd } from '../provd.js';

const FIXTURE_PLUGINS = new URL('../../test/fixtures/plugins/', import.meta.url).pathname;
const MEDIA = 'application/vnd.proformatique.provd+json';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('/status says starting until the plugins are loaded, then ok (reference fields kept)', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'provd-status-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  // slow-load takes 1.5 s to import; test-plugin loads at once
  for (const name of ['slow-load', 'test-plugin']) cpSync(join(FIXTURE_PLUGINS, name), join(dataDir, 'plugins', name), { recursive: true });
  const restPort = await freePort();
  const config = resolveConfig({
    settings: { 'general.data_dir': dataDir, 'rest_api.ip': '127.0.0.1', 'rest_api.port': restPort, 'http.ip': '127.0.0.1', 'http.port': 0, 'tftp.enabled': false, 'log.level': 'silent' },
  });
  const provd = await createProvd({ config, logger: pino({ level: 'silent' }) });
  t.after(() => provd.close());
  const listening = provd.listen();
  const status = async () => {
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const res = await fetch(`http://127.0.0.1:${restPort}/0.2/status`, { headers: { accept: MEDIA, 'x-auth-token': token } });
    assert.equal(res.status, 200);
    return (await res.json()) as { status: string; rest_api: string; bus_consumer: { status: string }; plugins: { status: string; loaded: number } };
  };
  let early: Awaited<ReturnType<typeof status>> | undefined;
  for (let i = 0; i < 300 && !early; i++) {
    early = await status().catch(() => undefined);
    if (!early) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(early, 'the REST port opened');
  assert.equal(early.status, 'starting');
  assert.equal(early.plugins.status, 'starting');
  assert.equal(early.rest_api, 'ok', 'the reference field: the REST API itself answers');
  assert.ok(early.bus_consumer && typeof early.bus_consumer.status === 'string');
  await listening;
  const ready = await status();
  assert.equal(ready.status, 'ok');
  assert.deepEqual(ready.plugins, { status: 'ok', loaded: 2 });
  assert.equal(ready.rest_api, 'ok');
});
