import { HttpProblem } from './http-problem.js';

/**
 * ETags are stream versions. Every resource a route returns is the state of
 * one event stream, and its strong ETag is that stream's version: `"3"` after
 * the third event. Versions only grow, so two answers with the same ETag show
 * the same state.
 *
 * Writes use `If-Match` for optimistic concurrency (RFC 9110 §13.1.1):
 * - absent: the write applies to whatever version the handler just read.
 *   It still cannot lose a concurrent update (the append expects that
 *   version), but the client did not say which state it decided on.
 * - `*`: the resource must exist; then as if absent.
 * - a list of entity tags: one of them must be the current version, compared
 *   strongly. Weak tags (`W/"3"`) never match a strong comparison, so they
 *   are ignored; a list with only weak or foreign tags always fails.
 *
 * A failed precondition answers 412 `PRECONDITION_FAILED`: read again, get
 * the new ETag, decide again.
 */

/** The strong ETag of a stream version: `3` → `"3"`. */
export function formatETag(version: number): string {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`An ETag names an existing stream version (1 or more), got ${version}`);
  }
  return `"${version}"`;
}

export type IfMatch =
  | { readonly kind: 'absent' }
  | { readonly kind: 'any' }
  /** Strong tags naming a version; empty when every tag was weak or not ours. */
  | { readonly kind: 'versions'; readonly versions: readonly number[] };

const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const VERSION = /^[1-9]\d{0,15}$/;

/**
 * Reads an `If-Match` header. Throws `HttpProblem` 400 `INVALID_IF_MATCH`
 * when it is not `*` nor a list of quoted entity tags, because a typo there
 * (a missing quote) must not silently turn into "no precondition".
 */
export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined) return { kind: 'absent' };
  const trimmed = header.trim();
  if (trimmed === '*') return { kind: 'any' };
  const versions: number[] = [];
  const tags = trimmed.split(',').map((tag) => tag.trim());
  for (const tag of tags) {
    const match = ENTITY_TAG.exec(tag);
    if (match === null) {
      throw new HttpProblem(
        400,
        'INVALID_IF_MATCH',
        `If-Match must be * or a list of quoted ETags such as "3", exactly as the ETag header sent them; got ${JSON.stringify(header)}.`,
        { params: { header: JSON.stringify(header) } },
      );
    }
    const [, weak, opaque = ''] = match;
    if (weak === undefined && VERSION.test(opaque)) versions.push(Number(opaque));
  }
  return { kind: 'versions', versions };
}

/**
 * The version a write must expect, given the request's `If-Match` and the
 * version the handler just read (0 when the stream has no event). Throws
 * `HttpProblem` 412 `PRECONDITION_FAILED` when the precondition fails.
 */
export function expectedVersionForWrite(ifMatchHeader: string | undefined, currentVersion: number): number {
  const ifMatch = parseIfMatch(ifMatchHeader);
  switch (ifMatch.kind) {
    case 'absent':
      return currentVersion;
    case 'any':
      if (currentVersion === 0) {
        throw new HttpProblem(412, 'PRECONDITION_FAILED', 'If-Match: * requires the resource to exist, and it does not.', {
          params: { reason: 'absent-any' },
        });
      }
      return currentVersion;
    case 'versions':
      if (currentVersion > 0 && ifMatch.versions.includes(currentVersion)) return currentVersion;
      throw new HttpProblem(
        412,
        'PRECONDITION_FAILED',
        currentVersion === 0
          ? 'The resource does not exist, so no If-Match ETag can match it.'
          : `The resource changed since you read it: it is now at ETag "${currentVersion}". Read it again, check your change still applies, and retry with the new ETag.`,
        {
          details: { currentETag: currentVersion === 0 ? null : formatETag(currentVersion) },
          params: currentVersion === 0 ? { reason: 'absent' } : { currentVersion },
        },
      );
  }
}
