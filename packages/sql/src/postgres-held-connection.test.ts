import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { createPostgresClient } from './postgres-client.js';
import { SqlUnavailableError } from './sql-errors.js';
import { postgresRequired } from './testing/postgres-required.js';
import { testDatabaseBaseUrl } from './testing/test-database.js';

/*
 * A connection held with connect() (a transaction, the projector's lock
 * connection) may sit idle for a long time. If the server ends its session
 * meanwhile (a restart, an administrator, a failover), the driver reports
 * it as an 'error' event on the connection, which pg-pool stops listening
 * to while the connection is checked out. Unheard, that event crashed the
 * whole process (the API died with its database).
 */
if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  t.test('given a held connection idling, when the server ends its session, then the process lives on and the connection reports it', async (t) => {
    const client = createPostgresClient({ connectionString: testDatabaseBaseUrl(), max: 1 });
    t.teardown(() => client.close());
    const conn = await client.connect();
    const { rows } = await conn.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const victim = rows[0]!.pid;

    const admin = createPostgresClient({ connectionString: testDatabaseBaseUrl(), max: 1 });
    t.teardown(() => admin.close());
    await admin.query('SELECT pg_terminate_backend($1)', [victim]);
    // The backend writes its FATAL message before it exits: once it is gone, the message is on our socket.
    for (;;) {
      const alive = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [victim]);
      if (alive.rowCount === 0) break;
      await sleep(10);
    }
    // Let the socket deliver it while the connection idles (the moment an unheard 'error' event used to crash us).
    await sleep(100);

    await t.rejects(conn.query('SELECT 1'), SqlUnavailableError, 'the next query says the database is unavailable');
    conn.release();
    const after = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    t.not(after.rows[0]!.pid, victim, 'the pool serves a new session');
  });
}
