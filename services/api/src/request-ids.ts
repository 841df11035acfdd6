import { randomUUID } from 'node:crypto';

// Long enough for a UUID, a ULID or a trace id; only characters that are
// safe to echo in a header and to write in a log line.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id a client sent in a header, when it is one we can safely echo and
 * log; undefined otherwise (then we make our own rather than reject the
 * request: an id is a courtesy for tracing, not an input).
 */
export function acceptableId(header: string | readonly string[] | undefined): string | undefined {
  const value = typeof header === 'string' ? header : header?.[0];
  return typeof value === 'string' && ACCEPTABLE_ID.test(value) ? value : undefined;
}

export function newRequestId(): string {
  return randomUUID();
}
