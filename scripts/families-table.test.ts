/** docs/reference/families.md is what scripts/families-table.ts generates from the family descriptions. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateFamiliesTable, PAGE, withTable } from './families-table.js';

test('the families table in docs/reference/families.md is up to date', async () => {
  const page = readFileSync(PAGE, 'utf8');
  const table = await generateFamiliesTable();
  assert.match(table, /\| \[yealink\]\(\.\.\/\.\.\/plugins\/yealink\) \| Yealink \|/);
  assert.match(table, /\| Digium \| D70 \| deskphone \| 6 \| 0 \| – \| 1\.4\.0\.0\.57389 \|/);
  assert.equal(withTable(page, table), page, 'run: node --import tsx scripts/families-table.ts --write');
});
