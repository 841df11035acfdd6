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
