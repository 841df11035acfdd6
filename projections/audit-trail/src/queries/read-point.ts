import type { LogPosition } from '@semaforo/event-store';
import { resolveAsOf } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';
import type { Kysely } from 'kysely';
import { auditTrailProjection } from '../audit-trail-projection.js';
import type { AuditTrailDatabase } from '../tables.js';

/**
 * Where a query reads: the live schema of the projection and the position
 * it answers at, as `auditTrailAsOf` returns them.
 */
export interface ReadPoint {
  readonly schema: string;
  readonly positionKey: string;
}

/** A read point and the log position it is, to echo in answers. */
export interface AuditTrailAsOf extends ReadPoint {
  readonly position: LogPosition;
}

/**
 * Where every query of the audit trail reads as of `asOf`: a position
 * `"<commit>:<prepare>"`, an ISO-8601 instant, or the live checkpoint when
 * undefined (see `resolveAsOf`). Resolve once, then pass it to every query
 * of one answer, so they all read the same point of the log. Throws the
 * projector's `INVALID_AS_OF`, `AS_OF_NOT_YET_PROJECTED` and
 * `PROJECTION_NOT_LIVE` as they are.
 */
export const auditTrailAsOf = (db: AnyKysely, asOf: string | undefined): Promise<AuditTrailAsOf> => resolveAsOf(db, auditTrailProjection.name, asOf);

/** The typed view of the audit trail's tables in the schema being read (the schema is chosen at run time, so asserted). */
export const tablesAt = (db: AnyKysely, at: ReadPoint): Kysely<AuditTrailDatabase> => db.withSchema(at.schema) as Kysely<AuditTrailDatabase>;
