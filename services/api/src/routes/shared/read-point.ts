import { formatLogPosition } from '@semaforo/event-store';
import { auditTrailAsOf, type ReadPoint } from '@semaforo/projection-audit-trail';
import { ProjectorError, type ProjectorErrorCode } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';

/** Where an audit-trail query reads, and the position its answer echoes. */
export interface AuditReadPoint extends ReadPoint {
  /** `"<commit>:<prepare>"`. */
  readonly position: string;
}

/**
 * A refused `asOf`, carried with the `asOf` it refused: the histories and
 * the audit trail have always echoed it in the problem's `details` (the
 * evaluations never did). It keeps the projector's code, so it answers as
 * `problem-mappings.ts` says for that code, like the projector's own error.
 */
class AsOfRefused extends Error {
  override readonly name = 'AsOfRefused';
  /** For the translated message (`problem-messages.ts`): the refused value as the English text quotes it. */
  readonly params: { readonly shownAsOf: string };

  constructor(
    readonly code: ProjectorErrorCode,
    message: string,
    readonly details: { readonly asOf: string },
    cause: unknown,
  ) {
    super(message, { cause });
    this.params = { shownAsOf: JSON.stringify(details.asOf) };
  }
}

/** The audit trail's read point as of `asOf` (see `auditTrailAsOf`), with the position formatted for answers. */
export async function auditReadPoint(db: AnyKysely, asOf: string | undefined): Promise<AuditReadPoint> {
  try {
    const { schema, position, positionKey } = await auditTrailAsOf(db, asOf);
    return { schema, positionKey, position: formatLogPosition(position) };
  } catch (error) {
    if (error instanceof ProjectorError && asOf !== undefined) throw new AsOfRefused(error.code, error.message, { asOf }, error);
    throw error;
  }
}

/** Sent with every answer, CSV included, so a file saved to disk still says what it was as of. */
export const POSITION_HEADER = 'semaforo-position';
