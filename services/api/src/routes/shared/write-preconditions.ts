import type { WriteOptions } from '@semaforo/commands';
import { expectedVersionForWrite, parseIfMatch } from '@semaforo/http';

/** The stream a write appends to, as far as `If-Match` is concerned. */
export interface WriteTarget {
  /** The stream's version now; 0 when it has no event. */
  readonly currentVersion: () => Promise<number>;
  /** The command creates the stream (open a plan, register an indicator), so no ETag can match it yet. */
  readonly creates: boolean;
}

/**
 * Turns `If-Match` into the write's expected version.
 *
 * - absent: no pin. The write side still appends with the version it
 *   decided on, so no concurrent update is lost; it decides again on a
 *   conflict.
 * - `*`: the resource must exist, then as if absent.
 * - ETags: one must be the current version, else 412 with the current ETag;
 *   the append then expects that version, so a write landing between this
 *   check and the append is a 412 too, and nothing is appended.
 *
 * A resource that does not exist answers 404 whatever the precondition
 * (RFC 9110 §13.2.1: preconditions apply to what would otherwise succeed):
 * pinning version 0 lets the domain say which thing is missing. Only a
 * creating write answers 412, since `If-Match` there can never hold.
 *
 * Reading the version costs one query, and only conditional writes pay it;
 * it also warms the write side's cache, so the command itself does not read
 * the stream again.
 */
export async function writeOptionsFor(ifMatchHeader: string | undefined, target: WriteTarget): Promise<WriteOptions> {
  const ifMatch = parseIfMatch(ifMatchHeader);
  if (ifMatch.kind === 'absent') return {};
  const current = await target.currentVersion();
  if (current === 0 && !target.creates) return { expectedVersion: 0 };
  const expected = expectedVersionForWrite(ifMatchHeader, current);
  return ifMatch.kind === 'any' ? {} : { expectedVersion: expected };
}
