import { compareLogPositions, type EventStore, type LogPosition } from '@semaforo/event-store';
import { createKysely, SqlError, type SqlClient } from '@semaforo/sql';
import { listRegistrations, type Registration } from './registry.js';

export interface ProjectionStatus extends Registration {
  /**
   * Events between the checkpoint and the head, estimated from the
   * positions' `prepare` halves (exact on the SQL store but for gaps in its
   * sequence); 0 when caught up.
   */
  readonly lag: number;
}

/** Every registered projection version with its lag behind the head of the log. Empty before the projector first ran. */
export async function readProjectionStatus(options: { readonly store: EventStore; readonly sql: SqlClient }): Promise<{
  readonly head: LogPosition | null;
  readonly projections: readonly ProjectionStatus[];
}> {
  const db = createKysely(options.sql);
  try {
    const head = await options.store.headPosition();
    let registrations: Registration[];
    try {
      registrations = await listRegistrations(db);
    } catch (error) {
      if (error instanceof SqlError && (error.code === '42P01' || error.code === '3F000')) return { head, projections: [] };
      throw error;
    }
    return { head, projections: registrations.map((registration) => ({ ...registration, lag: lagOf(registration.checkpoint, head) })) };
  } finally {
    await db.destroy();
  }
}

function lagOf(checkpoint: LogPosition, head: LogPosition | null): number {
  if (head === null || compareLogPositions(checkpoint, head) >= 0) return 0;
  const difference = head.prepare - checkpoint.prepare;
  return difference > 0n ? Number(difference) : 1;
}
