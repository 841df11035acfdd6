import { EventStoreError } from '../../errors.js';
import type { ExpectedRevision } from './log-client.js';

/*
 * Two ways of counting the same events. Ours: a stream's VERSION is how many
 * events it holds (0: none yet), the first event is version 1, and an append
 * expects the version it decided on. KurrentDB's: an event's REVISION is its
 * 0-based index, and an append expects the revision of the stream's last
 * event, or "no stream" when there is none. So version n <-> revision n - 1.
 */

/** What to tell the server an append expects, for our expected version. */
export function expectedRevisionFor(expectedVersion: number): ExpectedRevision {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new EventStoreError('INVALID_ARGUMENT', `expectedVersion must be an integer >= 0, not ${String(expectedVersion)}`);
  }
  return expectedVersion === 0 ? 'no-stream' : BigInt(expectedVersion - 1);
}

/** The revision of the event at `version` (>= 1). */
export function revisionOfVersion(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1)
    throw new EventStoreError('INVALID_ARGUMENT', `an event's version is an integer >= 1, not ${String(version)}`);
  return BigInt(version - 1);
}

const MAX_REVISION = BigInt(Number.MAX_SAFE_INTEGER) - 1n;

/** The version of the event at `revision`: revision + 1. */
export function versionOfRevision(revision: bigint): number {
  if (revision < 0n || revision > MAX_REVISION) {
    throw new EventStoreError('DATABASE_ERROR', `event revision ${revision} is outside what a stream version can hold`);
  }
  return Number(revision) + 1;
}
