import { z } from 'zod';

/** The 304 answer of a read: no body. */
export const notModifiedSchema = z.void().describe('Not modified: the `If-None-Match` ETag is still current. No body.');

/**
 * `If-None-Match` on a read (RFC 9110 §13.1.2): true when the client already
 * holds this version, so the answer is 304 with no body. Weak comparison, as
 * the RFC asks for this header: `W/"3"` matches `"3"`. A header that cannot
 * be read is ignored (the full answer is always correct), unlike `If-Match`,
 * where ignoring a typo would drop a safety check.
 */
export function holdsCurrentVersion(ifNoneMatchHeader: string | undefined, version: number): boolean {
  if (ifNoneMatchHeader === undefined || version < 1) return false;
  const current = `"${version}"`;
  return ifNoneMatchHeader.split(',').some((raw) => {
    const tag = raw.trim();
    return tag === '*' || tag === current || tag === `W/${current}`;
  });
}
