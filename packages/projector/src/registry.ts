import type { LogPosition } from '@semaforo/event-store';
import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { positionKey } from './position-key.js';
import { projectionSchema } from './projection.js';

/*
 * Reads and writes of `projector.projections` and `projector.watermarks`.
 * Every function takes `db` or `trx`: the caller decides the transaction.
 */

export type ProjectionState = 'building' | 'live' | 'retired';

export interface ProjectionIdentity {
  readonly name: string;
  readonly version: number;
}

export interface Registration {
  readonly name: string;
  readonly version: number;
  readonly schema: string;
  readonly state: ProjectionState;
  readonly checkpoint: LogPosition;
  readonly eventsApplied: bigint;
  readonly updatedAt: Date;
}

interface RegistrationRow {
  name: string;
  version: number;
  schema: string;
  state: ProjectionState;
  checkpoint_commit: string;
  checkpoint_prepare: string;
  events_applied: string;
  updated_at: Date;
}

const COLUMNS = sql`name, version, schema, state, checkpoint_commit::text AS checkpoint_commit,
  checkpoint_prepare::text AS checkpoint_prepare, events_applied::text AS events_applied, updated_at`;

function toRegistration(row: RegistrationRow): Registration {
  return {
    name: row.name,
    version: row.version,
    schema: row.schema,
    state: row.state,
    checkpoint: { commit: BigInt(row.checkpoint_commit), prepare: BigInt(row.checkpoint_prepare) },
    eventsApplied: BigInt(row.events_applied),
    updatedAt: row.updated_at,
  };
}

/**
 * Serializes changes to the registry rows of one projection name (register,
 * promote) across processes, until the transaction ends.
 */
async function lockName(trx: AnyKysely, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`semaforo-projector-registry:${name}`}, 0))`.execute(trx);
}

async function rowsOf(trx: AnyKysely, name: string): Promise<Registration[]> {
  const { rows } = await sql<RegistrationRow>`SELECT ${COLUMNS} FROM projector.projections WHERE name = ${name} ORDER BY version FOR UPDATE`.execute(trx);
  return rows.map(toRegistration);
}

export interface RegisterOutcome {
  readonly registration: Registration;
  /** What changed: 'created' (new row), 'reactivated' (was retired, now building again), or 'unchanged'. */
  readonly change: 'created' | 'reactivated' | 'unchanged';
}

/**
 * Makes sure the version has its row. A new version is 'live' when no other
 * version of the name is, else 'building' (it becomes live once caught up).
 * A retired version that runs again (code rolled back) builds again from its
 * checkpoint and takes over once caught up.
 */
export async function registerProjection(db: AnyKysely, p: ProjectionIdentity, now: Date): Promise<RegisterOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockName(trx, p.name);
    const rows = await rowsOf(trx, p.name);
    const mine = rows.find((row) => row.version === p.version);
    const someoneLive = rows.some((row) => row.state === 'live' && row.version !== p.version);
    if (mine === undefined) {
      const state: ProjectionState = someoneLive ? 'building' : 'live';
      const { rows: inserted } = await sql<RegistrationRow>`INSERT INTO projector.projections (name, version, schema, state, updated_at)
        VALUES (${p.name}, ${p.version}, ${projectionSchema(p)}, ${state}, ${now.toISOString()}::timestamptz)
        RETURNING ${COLUMNS}`.execute(trx);
      return { registration: toRegistration(inserted[0]!), change: 'created' };
    }
    if (mine.state === 'retired') {
      const { rows: updated } = await sql<RegistrationRow>`UPDATE projector.projections SET state = 'building', updated_at = ${now.toISOString()}::timestamptz
        WHERE name = ${p.name} AND version = ${p.version} RETURNING ${COLUMNS}`.execute(trx);
      return { registration: toRegistration(updated[0]!), change: 'reactivated' };
    }
    return { registration: mine, change: 'unchanged' };
  });
}

/** The version's row, or undefined. */
export async function readRegistration(db: AnyKysely, p: ProjectionIdentity): Promise<Registration | undefined> {
  const { rows } = await sql<RegistrationRow>`SELECT ${COLUMNS} FROM projector.projections WHERE name = ${p.name} AND version = ${p.version}`.execute(db);
  return rows[0] === undefined ? undefined : toRegistration(rows[0]);
}

/** Every registered version, by name and version. */
export async function listRegistrations(db: AnyKysely): Promise<Registration[]> {
  const { rows } = await sql<RegistrationRow>`SELECT ${COLUMNS} FROM projector.projections ORDER BY name, version`.execute(db);
  return rows.map(toRegistration);
}

/**
 * First statement of a batch's transaction: locks the version's row (so a
 * second runner that slipped past the advisory lock waits here, then sees
 * the checkpoint moved) and returns its state and checkpoint.
 */
export async function lockForBatch(trx: AnyKysely, p: ProjectionIdentity): Promise<Registration | undefined> {
  const { rows } = await sql<RegistrationRow>`SELECT ${COLUMNS} FROM projector.projections
    WHERE name = ${p.name} AND version = ${p.version} FOR UPDATE`.execute(trx);
  return rows[0] === undefined ? undefined : toRegistration(rows[0]);
}

/** Last statements of a batch's transaction: the checkpoint, and a watermark when the version is live. */
export async function recordBatch(
  trx: AnyKysely,
  p: ProjectionIdentity,
  batch: { readonly checkpoint: LogPosition; readonly applied: number; readonly observedAt: Date; readonly live: boolean },
): Promise<void> {
  const observedAt = batch.observedAt.toISOString();
  await sql`UPDATE projector.projections
    SET checkpoint_commit = ${batch.checkpoint.commit.toString()}::numeric, checkpoint_prepare = ${batch.checkpoint.prepare.toString()}::numeric,
        events_applied = events_applied + ${batch.applied}::bigint, updated_at = ${observedAt}::timestamptz
    WHERE name = ${p.name} AND version = ${p.version}`.execute(trx);
  if (batch.live) await insertWatermark(trx, p, batch.checkpoint, observedAt);
}

async function insertWatermark(trx: AnyKysely, p: ProjectionIdentity, position: LogPosition, observedAt: string): Promise<void> {
  await sql`INSERT INTO projector.watermarks (name, version, commit, prepare, position_key, observed_at)
    VALUES (${p.name}, ${p.version}, ${position.commit.toString()}::numeric, ${position.prepare.toString()}::numeric,
            ${positionKey(position)}::numeric, ${observedAt}::timestamptz)`.execute(trx);
}

/**
 * A caught-up 'building' version becomes 'live' and the live one 'retired',
 * in one transaction, with a watermark at the new version's checkpoint: from
 * that instant on, the new version answers. The clock is read after the row
 * locks are taken (see resolveAsOf for why). Returns the retired versions.
 */
export async function promoteProjection(db: AnyKysely, p: ProjectionIdentity, clock: () => Date): Promise<{ promoted: boolean; retired: number[] }> {
  return db.transaction().execute(async (trx) => {
    await lockName(trx, p.name);
    const rows = await rowsOf(trx, p.name);
    const mine = rows.find((row) => row.version === p.version);
    if (mine === undefined || mine.state !== 'building') return { promoted: false, retired: [] };
    const observedAt = clock().toISOString();
    const retired = rows.filter((row) => row.state === 'live').map((row) => row.version);
    await sql`UPDATE projector.projections SET state = 'retired', updated_at = ${observedAt}::timestamptz
      WHERE name = ${p.name} AND state = 'live'`.execute(trx);
    await sql`UPDATE projector.projections SET state = 'live', updated_at = ${observedAt}::timestamptz
      WHERE name = ${p.name} AND version = ${p.version}`.execute(trx);
    await insertWatermark(trx, p, mine.checkpoint, observedAt);
    return { promoted: true, retired };
  });
}

/**
 * Back to zero, for a rebuild: the version's schema is dropped, its
 * checkpoint reset and its state set to 'building' (queries then get
 * PROJECTION_NOT_LIVE for it until it has caught up again, rather than
 * answers that go back in time). Watermarks stay: they record what was
 * answered, and that stays true.
 */
export async function resetProjection(db: AnyKysely, p: ProjectionIdentity, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockName(trx, p.name);
    await sql`DROP SCHEMA IF EXISTS ${sql.id(projectionSchema(p))} CASCADE`.execute(trx);
    await sql`UPDATE projector.projections
      SET state = 'building', checkpoint_commit = 0, checkpoint_prepare = 0, events_applied = 0, updated_at = ${now.toISOString()}::timestamptz
      WHERE name = ${p.name} AND version = ${p.version}`.execute(trx);
  });
}
