import { createHash } from 'node:crypto';
import { canonicalJson } from '@semaforo/canonical-json';
import type { EventMetadata, JsonObject, RecordedEvent } from './event-store.js';

/** The `previousHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedContent {
  readonly streamName: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/**
 * `sha256_hex(previousHash + canonicalJson({ streamName, streamVersion,
 * eventId, type, data, metadata }))`, UTF-8 encoded. Each event seals its
 * predecessor, so changing, removing or reordering any event of a stream
 * breaks every later link.
 */
export function computeEventHash(previousHash: string, content: HashedContent): string {
  const { streamName, streamVersion, eventId, type, data, metadata } = content;
  return createHash('sha256')
    .update(previousHash + canonicalJson({ streamName, streamVersion, eventId, type, data, metadata }), 'utf8')
    .digest('hex');
}

/**
 * `computeEventHash`, from data and metadata already written as canonical
 * JSON (the append path writes them anyway, to store them): the same bytes,
 * without walking the objects a second time. The keys are written in
 * canonical order (UTF-16 code units): data, eventId, metadata, streamName,
 * streamVersion, type. A test checks it against `computeEventHash`.
 */
export function computeEventHashFromCanonical(
  previousHash: string,
  parts: {
    readonly streamName: string;
    readonly streamVersion: number;
    readonly eventId: string;
    readonly type: string;
    readonly dataJson: string;
    readonly metadataJson: string;
  },
): string {
  const { streamName, streamVersion, eventId, type, dataJson, metadataJson } = parts;
  const text = `{"data":${dataJson},"eventId":${JSON.stringify(eventId)},"metadata":${metadataJson},"streamName":${JSON.stringify(streamName)},"streamVersion":${canonicalJson(streamVersion)},"type":${JSON.stringify(type)}}`;
  return createHash('sha256')
    .update(previousHash + text, 'utf8')
    .digest('hex');
}

export type ChainVerification =
  | { readonly valid: true }
  | {
      readonly valid: false;
      /** The first event that does not check out. */
      readonly streamVersion: number;
      readonly problem: 'version-gap' | 'other-stream' | 'broken-link' | 'hash-mismatch';
    };

/**
 * Checks one stream's events, in version order: versions follow each other,
 * each `previousHash` is its predecessor's `hash` (64 zeros before version 1),
 * and each `hash` matches the event's content. A slice that does not start at
 * version 1 is checked from its first event's `previousHash` on.
 */
export function verifyStreamChain(events: readonly RecordedEvent[]): ChainVerification {
  const first = events[0];
  if (first === undefined) return { valid: true };
  let expectedPrevious = first.streamVersion === 1 ? GENESIS_HASH : first.previousHash;
  let expectedVersion = first.streamVersion;
  for (const event of events) {
    const at = event.streamVersion;
    if (event.streamName !== first.streamName) return { valid: false, streamVersion: at, problem: 'other-stream' };
    if (event.streamVersion !== expectedVersion) return { valid: false, streamVersion: at, problem: 'version-gap' };
    if (event.previousHash !== expectedPrevious) return { valid: false, streamVersion: at, problem: 'broken-link' };
    let recomputed: string;
    try {
      recomputed = computeEventHash(event.previousHash, event);
    } catch {
      return { valid: false, streamVersion: at, problem: 'hash-mismatch' };
    }
    if (recomputed !== event.hash) return { valid: false, streamVersion: at, problem: 'hash-mismatch' };
    expectedPrevious = event.hash;
    expectedVersion += 1;
  }
  return { valid: true };
}
