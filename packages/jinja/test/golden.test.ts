// Byte-for-byte comparison with Python Jinja2 3.1 over the golden corpus (expected outputs
// were produced by scripts/oracle.py; Python is not needed here).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { compareOutcome, loadCorpus, renderCase } from './golden-corpus.js';

const root = fileURLToPath(new URL('./golden', import.meta.url));
const corpus = loadCorpus(root);

test('the golden corpus holds at least 400 cases', () => {
  assert.ok(corpus.length >= 400, `only ${corpus.length} cases`);
});

test('every golden case renders exactly as Python Jinja2', () => {
  const failures: string[] = [];
  for (const c of corpus) {
    const problem = compareOutcome(c, renderCase(c));
    if (problem) failures.push(`${c.id}: ${problem}`);
  }
  assert.equal(failures.length, 0, `${failures.length} of ${corpus.length} cases differ:\n${failures.join('\n')}`);
});
