import type { Kysely } from 'kysely';
import type { AuditTrailDatabase } from '../tables.js';

/**
 * Where a query reads: the live schema of the projection and the position
 * it answers at, as `resolveAsOf` from `@semaforo/projector` returns them.
 */
export interface ReadPoint {
  readonly schema: string;
  readonly positionKey: string;
}

/** The typed view of the audit trail's tables in the schema being read. */
export const tablesAt = (db: Kysely<any>, at: ReadPoint): Kysely<AuditTrailDatabase> => db.withSchema(at.schema);
