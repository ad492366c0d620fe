import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from './store.contract.js';

runStoreContract('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-sqlite-test-'));
  return {
    options: { url: `sqlite:${join(dir, 'provd.db')}` },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
