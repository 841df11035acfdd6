import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { SqlError } from '@semaforo/sql';
import { StoreUnavailableError } from './errors.js';
import type { EventToAppend } from './event-store.js';
import { verifyStreamChain } from './hash-chain.js';
import { migrateEventStore } from './schema.js';
import { openEventStore } from './open-event-store.js';

const event = (type: string): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data: { type },
  metadata: { actor: { id: 'u' }, source: 'cli', requestId: 'r', correlationId: 'c', causationId: 'c', recordedAt: '2024-01-01T00:00:00.000Z' },
});

t.test('an embedded store keeps its events in its data directory across restarts', async (t) => {
  const parent = await mkdtemp(join(tmpdir(), 'semaforo-es-'));
  t.teardown(() => rm(parent, { recursive: true, force: true }));
  const dataDir = join(parent, 'nested', 'pgdata');
  const stream = `plan-${randomUUID()}`;

  // Given a store opened in a directory that does not exist yet, with two events appended,
  const first = await openEventStore({ dataDir });
  await first.store.appendToStream(stream, [event('A'), event('B')], { expectedVersion: 0 });
  await first.store.close();

  // when it is opened again (the migration runs again, as at every start),
  const second = await openEventStore({ databaseUrl: '', dataDir });
  t.teardown(() => second.store.close());

  // then the events are there, chained, and the stream continues where it was.
  const { version, events } = await second.store.readStream(stream);
  t.equal(version, 2);
  t.same(verifyStreamChain(events), { valid: true });
  t.equal((await second.store.appendToStream(stream, [event('C')], { expectedVersion: 2 })).nextExpectedVersion, 3);
  const migrations = await second.sql.query<{ version: number }>('SELECT version FROM event_store_migrations');
  t.same(migrations.rows, [{ version: 1 }, { version: 2 }], 'each migration recorded once');
});

t.test('the events table refuses updates and deletes', async (t) => {
  const { store, sql } = await openEventStore({ dataDir: 'memory://' });
  t.teardown(() => store.close());
  await migrateEventStore(sql);
  const stream = `plan-${randomUUID()}`;
  await store.appendToStream(stream, [event('A')], { expectedVersion: 0 });

  for (const statement of [`UPDATE events SET data = '{"forged": true}'`, 'DELETE FROM events', 'TRUNCATE events']) {
    const error = await sql.query(statement).then(
      () => undefined,
      (e: unknown) => e,
    );
    t.ok(error instanceof SqlError, `${statement.split(' ')[0]} fails`);
    t.match(error, { code: '23001', message: /append-only/ });
  }
  t.same((await store.readStream(stream)).events[0]?.data, { type: 'A' }, 'the event is untouched');
});

t.test('opening against an unreachable PostgreSQL fails with StoreUnavailableError', async (t) => {
  await t.rejects(openEventStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere', dataDir: 'unused' }), StoreUnavailableError);
});
