import type { AnyKysely } from '@semaforo/sql';
import { Migrator, sql, type Migration } from 'kysely';

/*
 * The projector's own tables, in schema `projector`. Frozen like every
 * migration: add one, never edit one. Run by kysely's Migrator, which takes
 * an advisory lock, so several processes may start at once.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-projections-and-watermarks': {
    async up(db: AnyKysely) {
      await sql`CREATE TABLE projector.projections (
        name text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        schema text NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('building', 'live', 'retired')),
        -- A LogPosition: two unsigned 64-bit halves, hence numeric and not bigint.
        checkpoint_commit numeric(20, 0) NOT NULL DEFAULT 0,
        checkpoint_prepare numeric(20, 0) NOT NULL DEFAULT 0,
        events_applied bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (name, version)
      )`.execute(db);
      // Queries read "the live version": there is at most one.
      await sql`CREATE UNIQUE INDEX projections_one_live ON projector.projections (name) WHERE state = 'live'`.execute(db);
      // What the live version of a projection had applied, observed when (see resolveAsOf).
      await sql`CREATE TABLE projector.watermarks (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL,
        version integer NOT NULL,
        commit numeric(20, 0) NOT NULL,
        prepare numeric(20, 0) NOT NULL,
        position_key numeric(39, 0) NOT NULL,
        observed_at timestamptz NOT NULL,
        FOREIGN KEY (name, version) REFERENCES projector.projections (name, version)
      )`.execute(db);
      await sql`CREATE INDEX watermarks_by_instant ON projector.watermarks (name, observed_at DESC, position_key DESC)`.execute(db);
    },
  },
};

/** Creates or updates the registry tables (schema `projector`). Safe to run at every start, from several processes. */
export async function migrateProjectorRegistry(db: AnyKysely): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableSchema: 'projector',
    migrationTableName: 'migrations',
    migrationLockTableName: 'migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows kysely's Migrator error (unknown), as it was
  if (error !== undefined) throw error;
}
