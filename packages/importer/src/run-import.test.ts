import { openEventStore } from '@semaforo/event-store';
import t from 'tap';
import { importScenarios } from './testing/import-scenarios.js';

// The importer on PGlite (the embedded store); run-import.postgres.test.ts runs the same on PostgreSQL.
const { store } = await openEventStore({ dataDir: 'memory://' });
t.teardown(() => store.close());
await importScenarios(t, store);
