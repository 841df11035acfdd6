import { randomUUID } from 'node:crypto';
import { compareLogPositions, LOG_START, type EventMetadata, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { positionKey } from '../position-key.js';
import type { Projection } from '../projection.js';

/*
 * A toy projection for the runner's tests: it counts events per stream, the
 * way real projections keep history (one row per change, valid from the
 * event's position; apply only inserts, ON CONFLICT DO NOTHING on a key that
 * holds the position). Beside it, `applications` is a PROBE, deliberately
 * not idempotent: one row each time the runner hands it an event, so a
 * runner that applied an event twice (or never) shows up there.
 */

export const TOY_COUNTED = 'ToyCounted';
export const TOY_IGNORED = 'ToyIgnored';

export interface ToyProjectionOptions {
  readonly name?: string;
  readonly version?: number;
  /** Written in the probe rows: which runner applied the event. */
  readonly runner?: string;
  /** Makes apply() throw AFTER it has written this batch's count rows, when it meets such an event. */
  readonly failOn?: (event: RecordedEvent) => boolean;
}

export function toyProjection(options: ToyProjectionOptions = {}): Projection {
  const runner = options.runner ?? 'runner';
  return {
    name: options.name ?? 'toy-counter',
    version: options.version ?? 1,
    eventTypes: [TOY_COUNTED],
    async migrate(db: AnyKysely, schema: string) {
      await sql`CREATE TABLE IF NOT EXISTS ${sql.id(schema, 'counts')} (
        stream_name text NOT NULL,
        valid_from numeric(39, 0) NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (stream_name, valid_from)
      )`.execute(db);
      await sql`CREATE TABLE IF NOT EXISTS ${sql.id(schema, 'applications')} (
        position_key numeric(39, 0) NOT NULL,
        stream_name text NOT NULL,
        runner text NOT NULL
      )`.execute(db);
    },
    async apply(trx: AnyKysely, schema: string, events: readonly RecordedEvent[]) {
      const first = events[0];
      if (first === undefined) return;
      const streams = [...new Set(events.map((event) => event.streamName))];
      const { rows } = await sql<{ stream_name: string; count: number }>`
        SELECT DISTINCT ON (stream_name) stream_name, count FROM ${sql.id(schema, 'counts')}
        WHERE stream_name = ANY(${streams}::text[]) AND valid_from < ${positionKey(first.position)}::numeric
        ORDER BY stream_name, valid_from DESC`.execute(trx);
      const counts = new Map(rows.map((row) => [row.stream_name, row.count]));
      const keys = events.map((event) => positionKey(event.position));
      const names = events.map((event) => event.streamName);
      const values = events.map((event) => {
        const count = (counts.get(event.streamName) ?? 0) + 1;
        counts.set(event.streamName, count);
        return count;
      });
      await sql`INSERT INTO ${sql.id(schema, 'counts')} (stream_name, valid_from, count)
        SELECT * FROM unnest(${names}::text[], ${keys}::numeric[], ${values}::int[])
        ON CONFLICT DO NOTHING`.execute(trx);
      await sql`INSERT INTO ${sql.id(schema, 'applications')} (position_key, stream_name, runner)
        SELECT k, s, ${runner} FROM unnest(${keys}::numeric[], ${names}::text[]) AS u(k, s)`.execute(trx);
      const failing = options.failOn === undefined ? undefined : events.find(options.failOn);
      if (failing !== undefined) throw new Error(`toy projection refuses event ${failing.eventId}`);
    },
  };
}

/** Count per stream as of a position key (the latest row valid at it); the live rows when `at` is absent. */
export async function readToyCounts(db: AnyKysely, schema: string, at?: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ stream_name: string; count: number }>`
    SELECT DISTINCT ON (stream_name) stream_name, count FROM ${sql.id(schema, 'counts')}
    WHERE ${at ?? null}::numeric IS NULL OR valid_from <= ${at ?? null}::numeric
    ORDER BY stream_name, valid_from DESC`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.stream_name, row.count]));
}

/** Every row of the counts table, in key order: to compare two builds. */
export async function readToyRows(db: AnyKysely, schema: string): Promise<Array<{ stream_name: string; valid_from: string; count: number }>> {
  const { rows } = await sql<{ stream_name: string; valid_from: string; count: number }>`
    SELECT stream_name, valid_from::text AS valid_from, count FROM ${sql.id(schema, 'counts')} ORDER BY stream_name, valid_from`.execute(db);
  return rows;
}

/** The probe: how many times each event was applied, and by which runners. */
export async function readToyApplications(db: AnyKysely, schema: string): Promise<Array<{ position_key: string; stream_name: string; runner: string }>> {
  const { rows } = await sql<{ position_key: string; stream_name: string; runner: string }>`
    SELECT position_key::text AS position_key, stream_name, runner FROM ${sql.id(schema, 'applications')} ORDER BY position_key`.execute(db);
  return rows;
}

const metadata: EventMetadata = {
  actor: { id: 'toy' },
  source: 'cli',
  requestId: 'toy-request',
  correlationId: 'toy-correlation',
  causationId: 'toy-causation',
  recordedAt: '2024-01-01T00:00:00.000Z',
};

/**
 * Appends `streams` x `perStream` events, `perAppend` per call, interleaving
 * streams; every `ignoredEvery`-th event of a stream is of a type the toy
 * does not handle. Returns the stream names and the position of the last
 * event appended: wait for THAT, not for the head, which can lag behind our
 * own commits while another transaction of the cluster is open (readAll
 * never returns an event that a slower commit could still sort before).
 */
export async function appendToyEvents(
  store: EventStore,
  options: { readonly streams: number; readonly perStream: number; readonly perAppend?: number; readonly ignoredEvery?: number; readonly prefix?: string },
): Promise<{ streams: string[]; last: LogPosition }> {
  const prefix = options.prefix ?? `toy-${randomUUID().slice(0, 8)}`;
  const perAppend = options.perAppend ?? 10;
  const names = Array.from({ length: options.streams }, (_, index) => `${prefix}-${index}`);
  const versions = new Map<string, number>(names.map((name) => [name, 0]));
  let last = LOG_START;
  for (let done = 0; done < options.perStream; done += perAppend) {
    const count = Math.min(perAppend, options.perStream - done);
    for (const name of names) {
      const version = versions.get(name)!;
      const events = Array.from({ length: count }, (_, index) => ({
        eventId: randomUUID(),
        type: options.ignoredEvery !== undefined && (version + index + 1) % options.ignoredEvery === 0 ? TOY_IGNORED : TOY_COUNTED,
        data: { n: version + index + 1 },
        metadata,
      }));
      const { position } = await store.appendToStream(name, events, { expectedVersion: version });
      if (compareLogPositions(position, last) > 0) last = position;
      versions.set(name, version + count);
    }
  }
  return { streams: names, last };
}
