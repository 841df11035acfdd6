import t from 'tap';
import { createPgliteClient } from './pglite-client.js';
import { sqlClientContract } from './testing/sql-client-contract.js';

void sqlClientContract(t, 'PGlite SqlClient', async () => {
  const client = await createPgliteClient({ dataDir: 'memory://' });
  return { client, cleanup: () => client.close() };
});

t.test('in-memory databases started from the process template are independent of each other', async (t) => {
  const first = await createPgliteClient({ dataDir: 'memory://' });
  t.teardown(() => first.close());
  await first.query('CREATE TABLE only_in_first (id integer)');
  await first.query('INSERT INTO only_in_first VALUES (1)');
  const second = await createPgliteClient({ dataDir: 'memory://' });
  t.teardown(() => second.close());
  const tables = "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_first'";
  t.same((await second.query<{ n: number }>(tables)).rows, [{ n: 0 }], 'a table made in one is absent in the other');
  await second.query('CREATE TABLE only_in_first (id integer)');
  t.same((await second.query('SELECT id FROM only_in_first')).rows, [], 'the same name is free in the other');
  t.same((await first.query('SELECT id FROM only_in_first')).rows, [{ id: 1 }], 'and the first keeps its own rows');
});
