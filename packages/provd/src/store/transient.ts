/**
 * Garbage collection of transient configs (reference §2: autocreated configs are `transient`
 * and go away once no device uses them). Run it inside the transaction that changed or deleted
 * the devices, passing the configs they used to reference, or with no candidates to sweep all.
 */
import type { TxStore } from './types.js';

const CHUNK = 500;

/** Deletes the transient configs (among `candidateIds`, or all) that no device's `config` names; returns their ids. */
export async function collectTransientConfigs(tx: TxStore, candidateIds?: readonly string[]): Promise<string[]> {
  const selector: Record<string, unknown> = { transient: true };
  if (candidateIds) {
    const ids = [...new Set(candidateIds.filter((id) => typeof id === 'string'))];
    if (ids.length === 0) return [];
    selector.id = { $in: ids };
  }
  const transient = (await tx.configs.find(selector, { fields: ['id'] })).map((c) => c.id);
  const used = new Set<string>();
  for (let i = 0; i < transient.length; i += CHUNK) {
    const chunk = transient.slice(i, i + CHUNK);
    for (const device of await tx.devices.find({ config: { $in: chunk } }, { fields: ['config'] })) {
      used.add(device.config as string);
    }
  }
  const unused = transient.filter((id) => !used.has(id));
  for (const id of unused) await tx.configs.delete(id);
  return unused;
}
