import { errors } from '../errors.js';
import type { TxStore } from '../store/index.js';

/**
 * One device per MAC address: a phone's files are named after its MAC, so two devices with one
 * MAC would share (and overwrite, and delete) each other's files. Checked inside the writer's
 * transaction: write transactions run one at a time (SQLite's single writer; on PostgreSQL an
 * advisory lock every node takes), so the check holds across nodes sharing one database.
 * The store itself stays a document store that allows it (its contract says so).
 */
export async function assertMacFree(tx: Pick<TxStore, 'devices'>, mac: string | undefined, exceptId?: string): Promise<void> {
  if (mac === undefined) return;
  const holders = await tx.devices.find({ mac }, { fields: ['id'] });
  const other = holders.find((d) => d.id !== exceptId);
  if (other) throw errors.duplicateMac(`invalid device: mac: device ${JSON.stringify(other.id)} already has MAC address ${mac}`);
}
