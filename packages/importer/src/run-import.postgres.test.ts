import { openEventStore } from '@semaforo/event-store';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import t from 'tap';
import { importScenarios } from './testing/import-scenarios.js';

// The importer's story on the real PostgreSQL: what production runs with DATABASE_URL.
if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const { store } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  t.teardown(() => store.close());
  await importScenarios(t, store);
}
