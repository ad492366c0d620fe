/** Shared plumbing of the store conformance suite. */
import assert from 'node:assert/strict';
import { isProvdError } from '../../errors.js';
import type { Doc, Store, StoreOptions } from '../types.js';

/** A database for one test: options that open it (as often as a test likes), and its disposal. */
export interface TestDatabase {
  readonly options: StoreOptions;
  dispose(): Promise<void>;
}

export interface CaseContext {
  /** A store opened on this test's database; the same one for every call. */
  readonly store: Store;
  /** Opens another handle on the same database (think: another provd node). Closed by the suite. */
  open(extra?: Partial<StoreOptions>): Promise<Store>;
  readonly options: StoreOptions;
}

export type Case = (name: string, fn: (c: CaseContext) => Promise<void>) => void;

export async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(isProvdError(err, code), `expected ${code}, got ${String((err as Error)?.message ?? err)} (${(err as { code?: string })?.code})`);
    if (message) assert.match((err as Error).message, message);
    return true;
  });
}

export function ids(docs: Doc[]): string[] {
  return docs.map((d) => d.id);
}

/** Devices with a bit of everything: shared MACs, nested options, lists, mixed-type versions. */
export const sampleDevices: Doc[] = [
  {
    id: 'd1', mac: '00:11:22:33:44:01', ip: '10.0.0.1', vendor: 'Aastra', model: '6731i', plugin: 'aastra-3.3', tenant_uuid: 't1', config: 'c1',
    options: { switchboard: true, lines: [{ n: 1, user: 'alice' }, { n: 2, user: 'bob' }] }, tags: ['desk', 'lobby'], version: 10,
  },
  {
    id: 'd2', mac: '00:11:22:33:44:02', ip: '10.0.0.2', vendor: 'Cisco', model: '7940', plugin: 'cisco-sccp', tenant_uuid: 't1',
    options: { lines: [{ n: 1, user: 'carol' }] }, tags: ['desk'], version: 9,
  },
  { id: 'd3', mac: '00:11:22:33:44:03', vendor: 'Cisco', model: '7960', plugin: 'cisco-sccp', tenant_uuid: 't2', version: '9b', tags: [] },
  { id: 'd4', ip: '10.0.0.4', vendor: 'Yealink', plugin: null, tenant_uuid: 't2', version: 100, X_note: 'spare' },
  { id: 'd5', mac: '00:11:22:33:44:01', vendor: 'Aastra', tenant_uuid: 't1', options: { switchboard: false } },
];

export async function loadSamples(store: Store): Promise<void> {
  // inserted out of id order, so results in id order prove the store orders them
  for (const doc of [...sampleDevices].reverse()) await store.devices.insert(structuredClone(doc));
}
