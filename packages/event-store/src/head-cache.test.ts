import { randomUUID } from 'node:crypto';
import t from 'tap';
import { createPgliteClient, type SqlClient } from '@semaforo/sql';
import { ConcurrencyError } from './errors.js';
import type { EventMetadata, EventToAppend } from './event-store.js';
import { verifyStreamChain } from './hash-chain.js';
import { migrateEventStore } from './schema.js';
import { createSqlEventStore } from './sql-event-store.js';

const metadata: EventMetadata = {
  actor: { id: 'writer' },
  source: 'api',
  requestId: 'r',
  correlationId: 'c',
  causationId: 'c',
  recordedAt: '2024-01-01T00:00:00.000Z',
};
const event = (type: string): EventToAppend => ({ eventId: randomUUID(), type, data: {}, metadata });

/** A client that can be pointed at another database, as a failover or a restore does. */
function switchable(initial: SqlClient): { client: SqlClient; switchTo(next: SqlClient): void } {
  let current = initial;
  return {
    client: {
      kind: initial.kind,
      query: (text, params, options) => current.query(text, params, options),
      connect: () => current.connect(),
      transaction: (fn) => current.transaction(fn),
      close: () => current.close(),
    },
    switchTo(next) {
      current = next;
    },
  };
}

t.test('the in-process head cache never lets an append skip a version', async (t) => {
  const primary = await createPgliteClient({ dataDir: 'memory://' });
  const restored = await createPgliteClient({ dataDir: 'memory://' });
  t.teardown(async () => {
    await primary.close();
    await restored.close();
  });
  await migrateEventStore(primary);
  await migrateEventStore(restored);

  // Given a store that appended versions 1 and 2 and so caches "version 2, hash h2",
  const stream = `plan-${randomUUID()}`;
  const opened = event('Opened');
  const db = switchable(primary);
  const store = createSqlEventStore(db.client);
  await store.appendToStream(stream, [opened], { expectedVersion: 0 });
  await store.appendToStream(stream, [event('Changed')], { expectedVersion: 1 });

  // when its database is replaced by a backup that only has version 1,
  await createSqlEventStore(restored).appendToStream(stream, [opened], { expectedVersion: 0 });
  db.switchTo(restored);

  // then an append expecting version 2 is a conflict with the real version, not a gap at version 3,
  const error = await store.appendToStream(stream, [event('Next')], { expectedVersion: 2 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(error instanceof ConcurrencyError, 'a ConcurrencyError');
  t.match(error, { expectedVersion: 2, actualVersion: 1 });
  // and an append expecting the real version succeeds and keeps the chain whole.
  t.equal((await store.appendToStream(stream, [event('Next')], { expectedVersion: 1 })).nextExpectedVersion, 2);
  const { events } = await store.readStream(stream);
  t.same(
    events.map((e) => e.streamVersion),
    [1, 2],
  );
  t.same(verifyStreamChain(events), { valid: true });
});
