/**
 * A place in the whole log. Two numbers, because "in order" for a log that
 * many writers append to concurrently is not one counter: on PostgreSQL
 * `commit` is the appending transaction's id (xid8) and `prepare` the
 * event's sequence number; on EventStoreDB/KurrentDB they are the `$all`
 * commit and prepare positions. Positions compare by `commit`, then
 * `prepare`. Written as `"<commit>:<prepare>"` wherever it leaves the process.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before every event: reading after it starts at the beginning of the log. */
export const LOG_START: LogPosition = Object.freeze({ commit: 0n, prepare: 0n });

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `"<commit>:<prepare>"`, e.g. `"7431:120"`. */
export function formatLogPosition(position: LogPosition): string {
  return `${position.commit}:${position.prepare}`;
}

const FORMATTED = /^(0|[1-9][0-9]{0,19}):(0|[1-9][0-9]{0,19})$/;
const MAX_UINT64 = (1n << 64n) - 1n;

/** The inverse of `formatLogPosition`; null for anything else (signs, spaces, leading zeros, > 2^64 - 1). */
export function parseLogPosition(text: string): LogPosition | null {
  const match = FORMATTED.exec(text);
  if (match === null) return null;
  const commit = BigInt(match[1]!);
  const prepare = BigInt(match[2]!);
  if (commit > MAX_UINT64 || prepare > MAX_UINT64) return null;
  return { commit, prepare };
}
