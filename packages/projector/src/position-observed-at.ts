import { formatLogPosition, type LogPosition } from '@semaforo/event-store';
import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { ProjectorError } from './errors.js';
import { positionKey } from './position-key.js';

/**
 * The instant a projection first stood at or past `position`: the earliest watermark the runner
 * recorded at or after it (ISO 8601 in UTC, to the millisecond). A fact of the past, so the same
 * position gives the same instant forever (watermarks are only ever added, later and further on):
 * documents are dated with it, never with the clock, and so regenerate to the same bytes.
 * Throws AS_OF_NOT_YET_PROJECTED when no watermark has reached the position yet.
 */
export async function positionObservedAt(db: AnyKysely, name: string, position: LogPosition): Promise<string> {
  const { rows } = await sql<{ observed_at: string | null }>`SELECT to_char(min(observed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS observed_at
    FROM projector.watermarks WHERE name = ${name} AND position_key >= ${positionKey(position)}::numeric`.execute(db);
  const observedAt = rows[0]?.observed_at ?? null;
  if (observedAt === null) {
    throw new ProjectorError('AS_OF_NOT_YET_PROJECTED', `projection ${name} has not reached position ${formatLogPosition(position)} yet; retry shortly`);
  }
  return observedAt;
}
