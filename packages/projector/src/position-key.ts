import type { LogPosition } from '@semaforo/event-store';

/*
 * Read models store a log position as ONE sortable NUMERIC: (commit << 64) +
 * prepare. Both halves are unsigned 64-bit numbers, so the key orders exactly
 * as `compareLogPositions` does, and "valid at P" is a plain `<=` in SQL.
 * NUMERIC (not bigint): the key needs up to 128 bits.
 */

const HALF = 64n;
const MAX_HALF = (1n << HALF) - 1n;
const MAX_KEY = (1n << (2n * HALF)) - 1n;
const DIGITS = /^(0|[1-9][0-9]*)$/;

/** The position as a decimal string: `(commit << 64) + prepare`. */
export function positionKey(position: LogPosition): string {
  const { commit, prepare } = position;
  if (commit < 0n || prepare < 0n || commit > MAX_HALF || prepare > MAX_HALF) {
    throw new RangeError(`not a log position: ${commit}:${prepare} (each half is an unsigned 64-bit number)`);
  }
  return ((commit << HALF) + prepare).toString();
}

/** The inverse of `positionKey`. Throws RangeError on anything that is not such a key. */
export function positionFromKey(key: string): LogPosition {
  if (!DIGITS.test(key) || key.length > 39) throw new RangeError(`not a position key: ${JSON.stringify(key)}`);
  const value = BigInt(key);
  if (value > MAX_KEY) throw new RangeError(`not a position key: ${key} is 2^128 or more`);
  return { commit: value >> HALF, prepare: value & MAX_HALF };
}
