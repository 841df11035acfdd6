import { openEventStore } from '@semaforo/event-store';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import tap from 'tap';
import { signOffConcurrencySuite } from './sign-off-concurrency.suite.js';

// Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
if (!(await postgresRequired())) {
  tap.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  tap.teardown(() => database.drop());
  // Two "processes": each app its own store (pool, caches), on one database.
  const stores: Array<Awaited<ReturnType<typeof openEventStore>>> = [];
  const open = async () => {
    const opened = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
    stores.push(opened);
    return opened;
  };
  // Registered after the database's teardown, so run before it.
  tap.teardown(async () => {
    for (const opened of stores) await opened.store.close();
  });
  await signOffConcurrencySuite(tap, [open, open], 'PostgreSQL');
}
