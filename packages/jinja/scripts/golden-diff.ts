// Prints every golden case whose rendering differs from the stored Python output (dev aid).
import { fileURLToPath } from 'node:url';
import { compareOutcome, loadCorpus, renderCase } from '../test/golden-corpus.js';

const root = fileURLToPath(new URL('../test/golden', import.meta.url));
const filter = process.argv[2];
let failed = 0;
let total = 0;
for (const c of loadCorpus(root)) {
  if (filter && !c.id.includes(filter)) continue;
  total++;
  const problem = compareOutcome(c, renderCase(c));
  if (problem) {
    failed++;
    console.log(`✗ ${c.id}: ${problem}`);
  }
}
console.log(`${total - failed}/${total} golden cases match`);
process.exitCode = failed ? 1 : 0;
