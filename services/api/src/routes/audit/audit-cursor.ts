import { parseLogPosition } from '@semaforo/event-store';
import { HttpProblem } from '@semaforo/http';

/**
 * Where the next page of an audit trail starts. Opaque to clients
 * (base64url), but it carries two things: the position the walk answers at,
 * so every page of one walk is read at the same point of the log whatever
 * was appended meanwhile, and the position key of the last entry shown.
 */
export interface AuditCursor {
  /** `"<commit>:<prepare>"`: what the first page answered at. */
  readonly position: string;
  /** Entries after this position key come next. */
  readonly afterKey: string;
}

const VERSION = 'a1';
const KEY = /^(0|[1-9][0-9]{0,38})$/;

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${VERSION}|${cursor.position}|${cursor.afterKey}`, 'utf8').toString('base64url');
}

/** Throws a 400 problem for anything `encodeAuditCursor` did not produce. */
export function decodeAuditCursor(text: string): AuditCursor {
  const [version, position, afterKey, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (
    version !== VERSION ||
    position === undefined ||
    afterKey === undefined ||
    rest.length > 0 ||
    parseLogPosition(position) === null ||
    !KEY.test(afterKey)
  ) {
    throw new HttpProblem(
      400,
      'INVALID_CURSOR',
      'The cursor is not one this API gave out. Pass `nextCursor` from the previous page unchanged, or omit it for the first page.',
    );
  }
  return { position, afterKey };
}
