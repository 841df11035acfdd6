import { compareLogPositions, formatLogPosition, LOG_START, parseLogPosition, type LogPosition } from '@semaforo/event-store';
import { SqlError, type AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { ProjectorError } from './errors.js';
import { positionKey } from './position-key.js';

/*
 * How an `asOf` becomes a log position.
 *
 * - A position ("<commit>:<prepare>") is exact: the answer is the read model's
 *   rows valid at it. It must not be past the live checkpoint (those events
 *   may not be applied yet): AS_OF_NOT_YET_PROJECTED.
 * - An instant T is "what the system answered at T": the live version's
 *   checkpoint at T. The runner records a watermark (position, observed_at)
 *   in the same transaction as every batch of a live version, and another
 *   when a version goes live; T resolves to the newest watermark observed at
 *   or before T, or to the start of the log when there is none. Watermarks
 *   are never deleted, so the same T gives the same position forever. A
 *   commit timestamp would not do: it is taken before the commit becomes
 *   visible.
 *   Two races are closed: a batch whose observed_at <= T may still be
 *   committing when we ask. The runner reads its clock only after locking its
 *   row in `projector.projections`, so it holds that lock from before T until
 *   it commits: we first take a SHARE lock on the rows of the name, which
 *   waits for such a batch, then read the watermarks in a fresh snapshot. And
 *   an instant that has not passed yet (T >= now, to the millisecond) could
 *   still gain watermarks: AS_OF_NOT_YET_PROJECTED. Both assume the runner's
 *   clock and the reader's agree (same host, or NTP).
 */

export type ParsedAsOf =
  | { readonly kind: 'live' }
  | { readonly kind: 'position'; readonly position: LogPosition }
  /** `text`: the instant as PostgreSQL reads it (fractions truncated to microseconds); `epochMs`: its millisecond, floored. */
  | { readonly kind: 'instant'; readonly text: string; readonly epochMs: number };

// Calendar date, 'T', time with optional seconds and fraction, then a zone: an instant, not a local time.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseInstant(text: string): { text: string; epochMs: number } | null {
  const m = INSTANT.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = (m[7] ?? '').slice(0, 6).padEnd(6, '0');
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  let zone = 'Z';
  if (m[9] !== undefined) {
    const hours = Number(m[10]);
    const minutes = Number(m[11]);
    if (hours > 15 || minutes > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
    zone = `${m[9]}${m[10]}:${m[11]}`;
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3)));
  const epochMs = utc.getTime() - offsetMinutes * 60_000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return {
    text: `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${fraction}${zone}`,
    epochMs,
  };
}

/** Reads an `asOf` parameter; throws ProjectorError INVALID_AS_OF on anything but a position or an instant with a zone. */
export function parseAsOf(asOf: string | undefined): ParsedAsOf {
  if (asOf === undefined) return { kind: 'live' };
  const position = parseLogPosition(asOf);
  if (position !== null) return { kind: 'position', position };
  const instant = parseInstant(asOf);
  if (instant !== null) return { kind: 'instant', ...instant };
  throw new ProjectorError(
    'INVALID_AS_OF',
    `asOf must be a log position "<commit>:<prepare>" or an ISO-8601 instant with a time zone (e.g. 2024-03-31T23:59:59Z), not ${JSON.stringify(asOf)}`,
  );
}

export interface LiveProjection {
  readonly schema: string;
  readonly version: number;
  readonly checkpoint: LogPosition;
}

export interface ResolvedAsOf {
  /** Where the live version's tables are. */
  readonly schema: string;
  readonly position: LogPosition;
  /** `positionKey(position)`: compare read-model rows' `valid_from` with it. */
  readonly positionKey: string;
}

function notLive(name: string, cause?: unknown): ProjectorError {
  return new ProjectorError('PROJECTION_NOT_LIVE', `no version of projection ${name} is live yet (is the projector running? is it rebuilding?)`, {
    cause,
  });
}

/** The registry does not exist yet: the projector never ran on this database. */
export function isMissingRegistry(error: unknown): boolean {
  return error instanceof SqlError && (error.code === '42P01' || error.code === '3F000');
}

const standbys = new WeakSet<AnyKysely>();

/**
 * Says that `db` reads a hot standby. A standby refuses row locks, so an
 * instant is resolved there without the SHARE lock: whoever chose the standby
 * must first make sure it has replayed a watermark observed after that instant
 * (the runner commits a name's watermarks in `observed_at` order, and the
 * standby replays commits in order, so none at or before it can still arrive).
 * `services/api/src/plugins/read-models.ts` does.
 */
export function markStandby(db: AnyKysely): AnyKysely {
  standbys.add(db);
  return db;
}

interface LiveRow {
  schema: string;
  version: number;
  checkpoint_commit: string;
  checkpoint_prepare: string;
  watermark_commit: string | null;
  watermark_prepare: string | null;
}

async function queryLive(db: AnyKysely, name: string, instant: string | null): Promise<LiveRow> {
  let rows: LiveRow[];
  try {
    if (instant !== null && !standbys.has(db)) await sql`SELECT 1 FROM projector.projections WHERE name = ${name} FOR SHARE`.execute(db);
    ({ rows } = await sql<LiveRow>`SELECT p.schema, p.version, p.checkpoint_commit::text AS checkpoint_commit,
        p.checkpoint_prepare::text AS checkpoint_prepare, w.commit::text AS watermark_commit, w.prepare::text AS watermark_prepare
      FROM projector.projections p
      LEFT JOIN LATERAL (
        SELECT commit, prepare FROM projector.watermarks
        WHERE name = p.name AND ${instant}::timestamptz IS NOT NULL AND observed_at <= ${instant}::timestamptz
        ORDER BY observed_at DESC, position_key DESC LIMIT 1
      ) w ON true
      WHERE p.name = ${name} AND p.state = 'live'`.execute(db));
  } catch (error) {
    if (isMissingRegistry(error)) throw notLive(name, error);
    throw error;
  }
  const row = rows[0];
  if (row === undefined) throw notLive(name);
  return row;
}

/** The live version of a projection and what it has applied. Throws PROJECTION_NOT_LIVE when none is. */
export async function liveProjection(db: AnyKysely, name: string): Promise<LiveProjection> {
  const row = await queryLive(db, name, null);
  return { schema: row.schema, version: row.version, checkpoint: { commit: BigInt(row.checkpoint_commit), prepare: BigInt(row.checkpoint_prepare) } };
}

/**
 * Resolves `asOf` for a query on projection `name` (see the comment at the
 * top of this file): undefined is the live checkpoint; a position is exact;
 * an instant is the newest watermark observed at or before it. Throws
 * ProjectorError: INVALID_AS_OF, AS_OF_NOT_YET_PROJECTED, PROJECTION_NOT_LIVE.
 * `clock` says what "now" is for instants (default: the system clock).
 */
export async function resolveAsOf(db: AnyKysely, name: string, asOf: string | undefined, options: { readonly clock?: () => Date } = {}): Promise<ResolvedAsOf> {
  const parsed = parseAsOf(asOf);
  if (parsed.kind === 'instant') {
    const now = (options.clock ?? (() => new Date()))().getTime();
    if (parsed.epochMs >= now) {
      throw new ProjectorError('AS_OF_NOT_YET_PROJECTED', `asOf ${asOf} has not passed yet: what the system answers then can still change`);
    }
  }
  const row = await queryLive(db, name, parsed.kind === 'instant' ? parsed.text : null);
  const checkpoint = { commit: BigInt(row.checkpoint_commit), prepare: BigInt(row.checkpoint_prepare) };
  let position: LogPosition;
  switch (parsed.kind) {
    case 'live':
      position = checkpoint;
      break;
    case 'position':
      position = parsed.position;
      break;
    case 'instant':
      position =
        row.watermark_commit === null || row.watermark_prepare === null
          ? LOG_START
          : { commit: BigInt(row.watermark_commit), prepare: BigInt(row.watermark_prepare) };
      break;
  }
  if (compareLogPositions(position, checkpoint) > 0) {
    throw new ProjectorError(
      'AS_OF_NOT_YET_PROJECTED',
      `position ${formatLogPosition(position)} is past what projection ${name} has applied (${formatLogPosition(checkpoint)}); retry shortly`,
    );
  }
  return { schema: row.schema, position, positionKey: positionKey(position) };
}
