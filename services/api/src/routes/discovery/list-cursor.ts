import { parseLogPosition } from '@semaforo/event-store';
import { HttpProblem } from '@semaforo/http';

/** Where the next page of a list starts: the position the walk reads at, and the last code shown. Opaque to clients. */
export interface ListCursor {
  readonly position: string;
  readonly after: string;
}

const VERSION = 'l1';

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([VERSION, cursor.position, cursor.after]), 'utf8').toString('base64url');
}

/** Throws a 400 `INVALID_CURSOR` for anything `encodeListCursor` did not produce. */
export function decodeListCursor(text: string): ListCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (Array.isArray(parts) && parts.length === 3 && parts[0] === VERSION && typeof parts[1] === 'string' && typeof parts[2] === 'string') {
    if (parseLogPosition(parts[1]) !== null) return { position: parts[1], after: parts[2] };
  }
  throw new HttpProblem(
    400,
    'INVALID_CURSOR',
    'The cursor is not one this API gave out. Pass `nextCursor` from the previous page unchanged, or omit it for the first page.',
  );
}
