import { formatLogPosition } from '@semaforo/event-store';
import { HttpProblem } from '@semaforo/http';
import { auditTrailProjection, type ReadPoint } from '@semaforo/projection-audit-trail';
import { ProjectorError, resolveAsOf } from '@semaforo/projector';
import type { Kysely } from 'kysely';

/** Where an audit-trail query reads, and the position its answer echoes. */
export interface AuditReadPoint extends ReadPoint {
  /** `"<commit>:<prepare>"`. */
  readonly position: string;
}

const AS_OF_ANSWERS = {
  INVALID_AS_OF: 400,
  AS_OF_NOT_YET_PROJECTED: 409,
  PROJECTION_NOT_LIVE: 503,
} as const;

/**
 * Resolves `asOf` against the audit trail's live version (see
 * `resolveAsOf`). The projector's errors become their HTTP answers here, so
 * these routes do not depend on how the app maps error codes.
 */
export async function auditReadPoint(db: Kysely<any>, asOf: string | undefined): Promise<AuditReadPoint> {
  try {
    const { schema, position, positionKey } = await resolveAsOf(db, auditTrailProjection.name, asOf);
    return { schema, positionKey, position: formatLogPosition(position) };
  } catch (error) {
    if (error instanceof ProjectorError && error.code in AS_OF_ANSWERS) {
      const status = AS_OF_ANSWERS[error.code as keyof typeof AS_OF_ANSWERS];
      throw new HttpProblem(status, error.code, error.message, {
        cause: error,
        ...(status === 503 ? { retryAfterSeconds: 5 } : {}),
        ...(asOf === undefined ? {} : { details: { asOf } }),
      });
    }
    throw error;
  }
}

/** Sent with every answer, CSV included, so a file saved to disk still says what it was as of. */
export const POSITION_HEADER = 'semaforo-position';
