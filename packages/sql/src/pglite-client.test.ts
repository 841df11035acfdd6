import t from 'tap';
import { createPgliteClient } from './pglite-client.js';
import { sqlClientContract } from './testing/sql-client-contract.js';

void sqlClientContract(t, 'PGlite SqlClient', async () => {
  const client = await createPgliteClient({ dataDir: 'memory://' });
  return { client, cleanup: () => client.close() };
});
