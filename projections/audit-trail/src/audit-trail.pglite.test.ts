import t from 'tap';
import { openEventStore } from '@semaforo/event-store';
import { auditTrailSuite } from './audit-trail.suite.js';

// The embedded setup: the log and the read model in one in-memory PGlite.
const { store, sql } = await openEventStore({ dataDir: 'memory://' });
t.teardown(() => store.close());

await auditTrailSuite(t, { store, sql });
