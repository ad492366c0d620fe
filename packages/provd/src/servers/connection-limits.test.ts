import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveMaxConnections, openFilesLimit } from './connection-limits.js';

const limits = { maxConnections: 4096, maxConnectionsPerSource: 256, idleTimeoutMs: 15000, headersTimeoutMs: 10000, reserveDescriptors: 256 };

test('the total connection cap leaves the descriptor reserve free', () => {
  assert.equal(effectiveMaxConnections(limits, 1024), 768);
  assert.equal(effectiveMaxConnections(limits, 1_048_576), 4096);
  assert.equal(effectiveMaxConnections(limits, null), 4096);
  assert.equal(effectiveMaxConnections(limits, 100), 16, 'never below a floor that still serves phones');
});

test("this process's open-files limit is read from /proc", () => {
  const limit = openFilesLimit();
  assert.ok(limit === null || limit > 0);
  if (process.platform === 'linux') assert.ok(limit !== null && limit >= 256, `read ${limit}`);
});
