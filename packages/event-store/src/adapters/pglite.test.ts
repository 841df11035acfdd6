import t from 'tap';
import { createPgliteClient } from '@semaforo/sql';
import { migrateEventStore } from '../schema.js';
import { createSqlEventStore } from '../sql-event-store.js';
import { eventStoreContract } from '../testing/event-store-contract.js';
import { guardedAppendContract } from '../testing/guarded-append-contract.js';
import { multiStreamAppendContract } from '../testing/multi-stream-append-contract.js';

// One in-memory PGlite for the file (starting one takes a second or two);
// each test gets its own store on it, with its own cache.
const sql = await createPgliteClient({ dataDir: 'memory://' });
await migrateEventStore(sql);
t.teardown(() => sql.close());

void eventStoreContract(t, async () => ({ store: createSqlEventStore(sql), cleanup: async () => undefined }), 'EventStore contract on PGlite');
void multiStreamAppendContract(t, async () => ({ store: createSqlEventStore(sql), cleanup: async () => undefined }), 'multi-stream append on PGlite');
void guardedAppendContract(t, async () => ({ store: createSqlEventStore(sql), cleanup: async () => undefined }), 'guarded and fenced appends on PGlite');
