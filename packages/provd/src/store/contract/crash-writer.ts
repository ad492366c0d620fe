/**
 * Child process of the crash test: opens the store given as JSON in argv[2], commits one device,
 * then starts a transaction that writes many documents, says "ready" and waits to be killed.
 */
import { openStore } from '../index.js';

const store = await openStore(JSON.parse(process.argv[2]));
await store.devices.insert({ id: 'committed', mac: '00:00:00:00:00:01' });
await store.transaction(async (tx) => {
  for (let i = 0; i < 200; i++) await tx.devices.insert({ id: `partial-${i}`, mac: '00:00:00:00:00:02' });
  await tx.configs.insert({ id: 'partial-config', parent_ids: ['committed-parent'], raw_config: {} });
  await tx.meta.set('partial', true);
  process.stdout.write('ready\n');
  await new Promise(() => setInterval(() => {}, 1000));
});
