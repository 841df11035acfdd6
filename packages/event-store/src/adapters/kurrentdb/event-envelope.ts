import { EventStoreError } from '../../errors.js';
import type { EventMetadata, JsonObject, RecordedEvent } from '../../event-store.js';
import type { LogRecord } from './log-client.js';
import { versionOfRevision } from './stream-revision.js';

/*
 * How our events sit in KurrentDB. The event's data is the event's data, as
 * JSON. Its metadata holds, under one key, our metadata exactly as the command
 * handler gave it plus the hash chain, so reading it back gives the same bytes
 * to hash:
 *
 *   { "$correlationId": "...", "$causationId": "...",
 *     "semaforo": { "v": 1, "metadata": { actor, source, ... }, "hash": "...", "previousHash": "..." } }
 *
 * `$correlationId` / `$causationId` are the names KurrentDB's own tooling
 * reads (the `$by_correlation_id` projection, the admin UI); they are copies,
 * and reading ignores them. An event without the `semaforo` key was not
 * written by us (another application sharing the database): readers of the
 * whole log skip it, a read of one of our streams refuses it.
 */

export const ENVELOPE_KEY = 'semaforo';
const ENVELOPE_VERSION = 1;
const HASH = /^[0-9a-f]{64}$/;

export interface ChainLink {
  readonly hash: string;
  readonly previousHash: string;
}

/** The metadata to store with an event. */
export function encodeMetadata(metadata: EventMetadata, link: ChainLink): JsonObject {
  return {
    $correlationId: metadata.correlationId,
    $causationId: metadata.causationId,
    [ENVELOPE_KEY]: {
      v: ENVELOPE_VERSION,
      // Stored as given (the append checked it is plain JSON): the hash was computed over exactly this.
      metadata: metadata as unknown as JsonObject,
      hash: link.hash,
      previousHash: link.previousHash,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Whether the record carries our envelope, i.e. we wrote it. */
export function isOurs(record: LogRecord): boolean {
  return isObject(record.metadata) && ENVELOPE_KEY in record.metadata;
}

function malformed(record: LogRecord, problem: string): EventStoreError {
  return new EventStoreError('DATABASE_ERROR', `event ${record.eventId} (${record.streamName} revision ${record.revision}) cannot be read back: ${problem}`);
}

function isEventMetadata(value: unknown): value is EventMetadata {
  if (!isObject(value)) return false;
  const { actor } = value;
  return (
    isObject(actor) &&
    typeof actor['id'] === 'string' &&
    ['source', 'requestId', 'correlationId', 'causationId', 'recordedAt'].every((key) => typeof value[key] === 'string')
  );
}

/**
 * The record as one of our events, or null when it is not ours. Throws
 * `DATABASE_ERROR` when it claims to be ours but does not hold together.
 */
export function decodeRecord(record: LogRecord): RecordedEvent | null {
  if (!isOurs(record)) return null;
  const envelope = (record.metadata as Record<string, unknown>)[ENVELOPE_KEY];
  if (!isObject(envelope)) throw malformed(record, 'its envelope is not an object');
  if (envelope['v'] !== ENVELOPE_VERSION) throw malformed(record, `unknown envelope version ${JSON.stringify(envelope['v'])}`);
  const { metadata, hash, previousHash } = envelope;
  if (!isEventMetadata(metadata)) throw malformed(record, 'its metadata lacks actor, source, ids or recordedAt');
  if (typeof hash !== 'string' || !HASH.test(hash) || typeof previousHash !== 'string' || !HASH.test(previousHash)) {
    throw malformed(record, 'its hash chain is missing or not hex SHA-256');
  }
  if (!record.isJson || !isObject(record.data)) throw malformed(record, 'its data is not a JSON object');
  if (record.position === undefined) {
    throw malformed(record, 'the server sent no log position (KurrentDB / EventStoreDB 22.6 or later is required)');
  }
  return {
    streamName: record.streamName,
    streamVersion: versionOfRevision(record.revision),
    eventId: record.eventId,
    type: record.type,
    data: record.data as JsonObject,
    metadata,
    position: record.position,
    hash,
    previousHash,
  };
}
