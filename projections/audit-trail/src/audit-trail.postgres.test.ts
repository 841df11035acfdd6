import t from 'tap';
import { openEventStore } from '@semaforo/event-store';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import { auditTrailSuite } from './audit-trail.suite.js';

// Fails the file when CI is set and PostgreSQL is unreachable; elsewhere skips it loudly.
if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  const { store, sql } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  t.teardown(async () => {
    await store.close();
    await database.drop();
  });
  await auditTrailSuite(t, { store, sql });
}
