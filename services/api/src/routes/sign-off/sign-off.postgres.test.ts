import { openEventStore } from '@semaforo/event-store';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import tap from 'tap';
import { signOffSuite } from './sign-off.suite.js';

// Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
if (!(await postgresRequired())) {
  tap.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  tap.teardown(() => database.drop());
  const opened = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  // Registered after the database's teardown, so run before it.
  tap.teardown(() => opened.store.close());
  await signOffSuite(tap, async () => opened, 'PostgreSQL');
}
