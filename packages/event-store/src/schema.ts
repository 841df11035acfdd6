import type { SqlClient } from '@semaforo/sql';

/**
 * The event store's schema, as numbered migrations recorded in
 * `event_store_migrations`. Migrations are frozen once released: change the
 * schema by adding one, never by editing one. The same SQL runs on
 * PostgreSQL (13 or later: xid8) and on PGlite.
 */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events: the log, its stream index, its read order, append-only',
    statements: [
      `CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The appending transaction: the first half of a LogPosition (see sql-event-store.ts, readAll).
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version > 0),
        event_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        hash text NOT NULL,
        previous_hash text NOT NULL,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_name, stream_version)
      )`,
      `CREATE INDEX events_transaction_position_idx ON events (transaction_id, global_position)`,
      // History is the product: nothing rewrites or removes an event, not even by mistake.
      `CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
       END
       $$`,
      `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
       FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change()`,
    ],
  },
  {
    version: 2,
    name: 'guarded and fenced appends: conditions on other streams, checked inside the append',
    statements: [
      /*
       * Used in the WHERE of a guarded append (one autocommit INSERT): the
       * shared advisory lock is held until that statement's transaction ends,
       * so a fenced append of the same stream (exclusive lock) cannot commit
       * between this check and the insert. VOLATILE, so in READ COMMITTED the
       * query below takes a fresh snapshot when it runs, after the lock is
       * granted: it sees a fenced append that committed while it waited,
       * although the INSERT's own snapshot predates it. The two-key form (a
       * constant, then the stream's hash) keeps these locks apart from every
       * single-key advisory lock of the product (migrations, projections).
       */
      `CREATE FUNCTION event_store_guard(guarded_stream text, guarded_version integer) RETURNS boolean
       LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock_shared(712026, hashtext(guarded_stream));
         RETURN NOT EXISTS (SELECT 1 FROM events WHERE stream_name = guarded_stream AND stream_version > guarded_version);
       END
       $$`,
      // In the WHERE of a fenced append: waits for guarded appends checking this stream, holds them off until it commits.
      `CREATE FUNCTION event_store_fence(fenced_stream text) RETURNS boolean
       LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(712026, hashtext(fenced_stream));
         RETURN true;
       END
       $$`,
    ],
  },
];

// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK = '7120263543109472177';

/**
 * Brings the schema up to date. Safe to run at every start and from several
 * processes at once: an advisory lock serializes them, and each migration is
 * applied once, in one transaction with its record.
 */
export async function migrateEventStore(sql: SqlClient): Promise<void> {
  await sql.transaction(async (conn) => {
    await conn.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
    await conn.query(`CREATE TABLE IF NOT EXISTS event_store_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await conn.query<{ version: number }>('SELECT version FROM event_store_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await conn.query(statement);
      await conn.query('INSERT INTO event_store_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
