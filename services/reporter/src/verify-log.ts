import { computeEventHash, formatLogPosition, GENESIS_HASH, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';

/**
 * What can be wrong with one event of a stream, checked in log order:
 * - `version-gap`: its version is not the one after the stream's previous
 *   event (a missing, duplicated or reordered event);
 * - `broken-link`: its `previousHash` is not the previous event's `hash`;
 * - `hash-mismatch`: its `hash` is not the SHA-256 of its predecessor's hash
 *   and its own content (the event itself was altered).
 */
export type LogProblemKind = 'version-gap' | 'broken-link' | 'hash-mismatch';

export interface LogProblem {
  readonly streamName: string;
  readonly streamVersion: number;
  readonly position: LogPosition;
  readonly eventId: string;
  readonly type: string;
  readonly problem: LogProblemKind;
  /** For people: what was expected and what was found. */
  readonly detail: string;
}

export interface LogVerification {
  readonly streams: number;
  readonly events: number;
  /** The last event read; null for an empty log. */
  readonly lastPosition: LogPosition | null;
  /** The first problem of each stream that has one, in log order. A stream stops being checked at its first problem. */
  readonly problems: readonly LogProblem[];
}

export interface VerifyLogOptions {
  /** Events per read (default 5,000). */
  readonly pageSize?: number;
  /** Called after each page with the events read so far. */
  readonly onProgress?: (eventsRead: number) => void;
}

interface StreamTip {
  readonly version: number;
  readonly hash: string;
}

/**
 * Walks the whole log once, in log order, and checks every stream as it
 * goes: versions 1, 2, 3... with no gap, each `previousHash` the hash of the
 * event before, and each `hash` recomputed from the event's content. Memory
 * holds one (version, hash) per stream, not the events, so it scales with
 * the number of streams, not the size of the log.
 *
 * Why log order works for a stream: an event N + 1 is only appended once
 * event N is committed (the append checks N's hash), so its transaction
 * starts later and sorts after it in the log. An event found out of that
 * order is reported as a `version-gap`.
 */
export async function verifyLog(store: EventStore, options: VerifyLogOptions = {}): Promise<LogVerification> {
  const pageSize = options.pageSize ?? 5_000;
  const tips = new Map<string, StreamTip | 'broken'>();
  const problems: LogProblem[] = [];
  let events = 0;
  let after: LogPosition | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      const tip = tips.get(event.streamName);
      if (tip === 'broken') continue;
      const problem = checkEvent(event, tip);
      if (problem === null) {
        tips.set(event.streamName, { version: event.streamVersion, hash: event.hash });
      } else {
        tips.set(event.streamName, 'broken');
        problems.push(problem);
      }
    }
    events += page.length;
    after = page[page.length - 1]!.position;
    options.onProgress?.(events);
  }
  return { streams: tips.size, events, lastPosition: after ?? null, problems };
}

function checkEvent(event: RecordedEvent, tip: StreamTip | undefined): LogProblem | null {
  const expectedVersion = (tip?.version ?? 0) + 1;
  const expectedPrevious = tip?.hash ?? GENESIS_HASH;
  const problem = (kind: LogProblemKind, detail: string): LogProblem => ({
    streamName: event.streamName,
    streamVersion: event.streamVersion,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    problem: kind,
    detail,
  });
  if (event.streamVersion !== expectedVersion) {
    return problem('version-gap', `expected version ${expectedVersion} after ${tip?.version ?? 'the start of the stream'}, found ${event.streamVersion}`);
  }
  if (event.previousHash !== expectedPrevious) {
    return problem('broken-link', `previousHash ${event.previousHash} is not the hash of version ${tip?.version ?? 0} (${expectedPrevious})`);
  }
  let recomputed: string;
  try {
    recomputed = computeEventHash(event.previousHash, event);
  } catch (error) {
    return problem('hash-mismatch', `its content cannot be hashed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (recomputed !== event.hash) {
    return problem('hash-mismatch', `stored hash ${event.hash}, content hashes to ${recomputed}: the event was altered after it was written`);
  }
  return null;
}

/** The report `verify-log` prints: a summary line, then one line per damaged stream (tab-separated, for grep and cut). */
export function formatLogVerification(verification: LogVerification): string {
  const { streams, events, lastPosition, problems } = verification;
  const through = lastPosition === null ? 'an empty log' : `up to position ${formatLogPosition(lastPosition)}`;
  const lines = [
    problems.length === 0
      ? `log OK: ${events} events in ${streams} streams, ${through}; every version and hash chain checks out`
      : `log DAMAGED: ${problems.length} of ${streams} streams have a problem; ${events} events read, ${through}`,
  ];
  for (const p of problems) {
    lines.push(
      `${p.problem}\tstream ${p.streamName}\tversion ${p.streamVersion}\tposition ${formatLogPosition(p.position)}\tevent ${p.eventId} (${p.type})\t${p.detail}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
