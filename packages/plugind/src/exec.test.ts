import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand, type StepLog } from './exec.js';
import { isPlugindError } from './errors.js';

test('captures output and exit code', async () => {
  const log = await runCommand('sh', ['-c', 'echo out; echo err >&2'], { step: 'building', timeoutMs: 5000 });
  assert.equal(log.exitCode, 0);
  assert.match(log.output, /out/);
  assert.match(log.output, /err/);
});

test('a non-zero exit is an install-error naming the step, with the output', async () => {
  const logs: StepLog[] = [];
  await assert.rejects(runCommand('sh', ['-c', 'echo broken >&2; exit 3'], { step: 'building', timeoutMs: 5000, onLog: (l) => logs.push(l) }), (err) => {
    assert.ok(isPlugindError(err, 'DT_ERR_PLUGIND_INSTALL'));
    assert.equal(err.details.step, 'building');
    assert.equal(err.details.exit_code, 3);
    assert.match(String(err.details.output_tail), /broken/);
    return true;
  });
  assert.equal(logs.length, 1);
});

test('a timeout kills the whole process group', async () => {
  const started = Date.now();
  await assert.rejects(runCommand('sh', ['-c', 'sleep 30 & sleep 30'], { step: 'building', timeoutMs: 200 }), (err) => {
    assert.ok(isPlugindError(err));
    assert.equal(err.details.timed_out, true);
    return true;
  });
  assert.ok(Date.now() - started < 10_000);
});
