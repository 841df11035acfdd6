import t from 'tap';
import { createPostgresClient } from './postgres-client.js';
import { SqlUnavailableError } from './sql-errors.js';
import { createTestDatabase, testDatabaseBaseUrl } from './testing/test-database.js';
import { postgresRequired } from './testing/postgres-required.js';
import { sqlClientContract } from './testing/sql-client-contract.js';

t.test('an unreachable server maps to SqlUnavailableError', async (t) => {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const client = createPostgresClient({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' });
  await t.rejects(client.query('SELECT 1'), SqlUnavailableError);
  await t.rejects(client.connect(), SqlUnavailableError);
  await client.close();
});

if (await postgresRequired()) {
  t.test('a session the server terminates maps to SqlUnavailableError and is not reused', async (t) => {
    const client = createPostgresClient({ connectionString: testDatabaseBaseUrl(), max: 1 });
    t.teardown(() => client.close());
    const conn = await client.connect();
    const { rows } = await conn.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const victim = rows[0]!.pid;
    const admin = createPostgresClient({ connectionString: testDatabaseBaseUrl(), max: 1 });
    await admin.query('SELECT pg_terminate_backend($1)', [victim]);
    await admin.close();

    await t.rejects(conn.query('SELECT 1'), SqlUnavailableError);
    conn.release();
    const after = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    t.not(after.rows[0]!.pid, victim, 'the pool opened a new session');
  });

  void sqlClientContract(t, 'PostgreSQL SqlClient', async () => {
    const database = await createTestDatabase();
    const client = createPostgresClient({ connectionString: database.connectionString, max: 4 });
    return {
      client,
      async cleanup() {
        await client.close();
        await database.drop();
      },
    };
  });
}
