/**
 * The store conformance suite: every Store implementation must pass it unchanged. Run it with
 * `runStoreContract('sqlite', makeDatabase)` from a test file; each case gets a fresh database.
 */
import { describe, it } from 'node:test';
import { changeCases } from './contract/changes.js';
import { crudCases } from './contract/crud.js';
import type { Case, TestDatabase } from './contract/harness.js';
import { findOptionCases } from './contract/find-options.js';
import { inheritanceCases } from './contract/inheritance.js';
import { selectorCases } from './contract/selectors.js';
import { transactionCases } from './contract/transactions.js';
import { openStore } from './index.js';
import type { Store } from './types.js';

export type { TestDatabase } from './contract/harness.js';

export function runStoreContract(name: string, makeDatabase: () => Promise<TestDatabase>): void {
  const test: Case = (title, fn) =>
    it(title, async () => {
      const db = await makeDatabase();
      const opened: Store[] = [];
      const open = async (extra = {}) => {
        const store = await openStore({ ...db.options, ...extra });
        opened.push(store);
        return store;
      };
      try {
        const store = await open();
        await fn({ store, open, options: db.options });
      } finally {
        for (const store of opened) await store.close();
        await db.dispose();
      }
    });
  describe(`store contract: ${name}`, () => {
    describe('documents', () => crudCases(test));
    describe('selectors', () => selectorCases(test));
    describe('fields, skip, limit, sort', () => findOptionCases(test));
    describe('inheritance and transient configs', () => inheritanceCases(test));
    describe('transactions', () => transactionCases(test));
    describe('change feed', () => changeCases(test));
  });
}
