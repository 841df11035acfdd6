import { openEventStore } from '@semaforo/event-store';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import t from 'tap';
import { auditPeopleSuite } from './audit-people.suite.js';

// The same story on the real PostgreSQL. Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  t.test('people in the audit, on PostgreSQL', (t) => auditPeopleSuite(t, () => openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' })));
}
