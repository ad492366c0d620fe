import { getTestPostgres } from '../../test/support/postgres.js';
import { runStoreContract } from './store.contract.js';

runStoreContract('postgres', async () => {
  const pg = await getTestPostgres();
  return { options: { url: pg.url, schema: pg.schema }, dispose: pg.cleanup };
});
