import { EventStoreError } from './errors.js';

/*
 * What every store refuses before anything is sent, alike, so that a log can
 * move between stores event for event.
 */

/** Event ids are lowercase UUIDs. */
export const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A stream version is a PostgreSQL int on the SQL store: every store keeps to it. */
export const MAX_STREAM_VERSION = 2_147_483_647;

// PostgreSQL text cannot hold U+0000, and a lone surrogate is not UTF-8 at all:
// refuse both up front instead of failing inside the database.
// eslint-disable-next-line no-control-regex -- U+0000 is the very character this refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Throws `INVALID_ARGUMENT` naming `what` when a string in `value` (keys included) cannot be stored. */
export function assertStorable(value: unknown, what: string): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) throw new EventStoreError('INVALID_ARGUMENT', `${what} holds U+0000 or a lone surrogate`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertStorable(item, `${what}[${index}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      assertStorable(key, `a key of ${what}`);
      assertStorable(item, `${what}.${key}`);
    }
  }
}

/** The checks on an append as a whole: stream name, expected version, a non-empty batch within the version bound. */
export function assertAppendShape(streamName: string, events: readonly unknown[], expectedVersion: number): void {
  if (typeof streamName !== 'string' || streamName === '') throw new EventStoreError('INVALID_ARGUMENT', 'the stream name must be a non-empty string');
  assertStorable(streamName, 'the stream name');
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new EventStoreError('INVALID_ARGUMENT', `expectedVersion must be an integer >= 0, not ${String(expectedVersion)}`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreError('INVALID_ARGUMENT', 'nothing to append: a command that decides no event should not append');
  }
  if (expectedVersion + events.length > MAX_STREAM_VERSION) {
    throw new EventStoreError('INVALID_ARGUMENT', `stream ${streamName} would exceed version ${MAX_STREAM_VERSION}`);
  }
}

/**
 * The checks on one event's identity: a lowercase UUID, not twice in the
 * batch (`seen` collects the batch's ids), a non-empty storable type.
 * Returns how to name the event in later messages.
 */
export function assertEventIdentity(event: { readonly eventId: unknown; readonly type: unknown }, index: number, seen: Set<string>): string {
  const what = `event ${index} (${String(event.eventId)})`;
  if (typeof event.eventId !== 'string' || !EVENT_ID.test(event.eventId)) {
    throw new EventStoreError('INVALID_ARGUMENT', `${what}: eventId must be a lowercase UUID`);
  }
  if (seen.has(event.eventId)) throw new EventStoreError('EVENT_ID_REUSED', `${what}: eventId appears twice in one append`);
  seen.add(event.eventId);
  if (typeof event.type !== 'string' || event.type === '') throw new EventStoreError('INVALID_ARGUMENT', `${what}: type must be a non-empty string`);
  assertStorable(event.type, `${what} type`);
  return what;
}

/** Guards name other streams, each once, at a version a stream can have. */
export function assertGuards(streamName: string, guards: readonly { readonly streamName: unknown; readonly version: unknown }[]): void {
  // Through `given`: Array.isArray would narrow `guards` itself to any[].
  const given: unknown = guards;
  if (!Array.isArray(given)) throw new EventStoreError('INVALID_ARGUMENT', 'guards must be an array');
  const seen = new Set<string>();
  for (const guard of guards) {
    if (typeof guard.streamName !== 'string' || guard.streamName === '') throw new EventStoreError('INVALID_ARGUMENT', 'a guard needs a stream name');
    assertStorable(guard.streamName, 'a guard stream name');
    if (guard.streamName === streamName)
      throw new EventStoreError('INVALID_ARGUMENT', `stream ${streamName} cannot guard its own append: expectedVersion does`);
    if (seen.has(guard.streamName)) throw new EventStoreError('INVALID_ARGUMENT', `stream ${guard.streamName} is guarded twice`);
    seen.add(guard.streamName);
    if (!Number.isSafeInteger(guard.version) || (guard.version as number) < 0 || (guard.version as number) > MAX_STREAM_VERSION) {
      throw new EventStoreError('INVALID_ARGUMENT', `guard version of ${guard.streamName} must be an integer 0..${MAX_STREAM_VERSION}`);
    }
  }
}
