import t from 'tap';
import type { EventMetadata, JsonObject } from '../../event-store.js';
import { GENESIS_HASH, computeEventHash, verifyStreamChain } from '../../hash-chain.js';
import { decodeRecord, encodeMetadata, isOurs } from './event-envelope.js';
import type { LogRecord } from './log-client.js';

const metadata: EventMetadata = {
  actor: { id: 'auditora-ñ', role: 'compliance' },
  source: 'import',
  requestId: 'req-1',
  correlationId: 'corr-🚦',
  causationId: 'cause-9',
  recordedAt: '2023-12-31T23:59:59.999Z',
  reason: 'Reprogramación de la meta — acta Nº 7',
};
const data: JsonObject = { code: 'IE-DNGF-NA-11', value: '6138', ratio: 0.1, nested: { z: [1, 2.5, 'x'], a: null } };
const streamName = 'indicator-42';
const eventId = '2b8e7a3c-1d4f-4e2a-9c3b-5a6d7e8f9a0b';
const hash = computeEventHash(GENESIS_HASH, { streamName, streamVersion: 1, eventId, type: 'TargetSet', data, metadata });

/** What the server hands back: JSON bytes parsed again, as the client does. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const record = (overrides: Partial<LogRecord> = {}): LogRecord => ({
  streamName,
  revision: 0n,
  eventId,
  type: 'TargetSet',
  isJson: true,
  data: overTheWire(data),
  metadata: overTheWire(encodeMetadata(metadata, { hash, previousHash: GENESIS_HASH })),
  position: { commit: 7431n, prepare: 7431n },
  ...overrides,
});

t.test('given an event encoded for KurrentDB, when it is read back, then it is the same event and its hash still verifies', async (t) => {
  const event = decodeRecord(record());
  t.same(event, {
    streamName,
    streamVersion: 1,
    eventId,
    type: 'TargetSet',
    data,
    metadata,
    position: { commit: 7431n, prepare: 7431n },
    hash,
    previousHash: GENESIS_HASH,
  });
  t.same(verifyStreamChain(event === null ? [] : [event]), { valid: true });
});

t.test("the metadata carries KurrentDB's own correlation and causation keys, which reading ignores", async (t) => {
  const stored = encodeMetadata(metadata, { hash, previousHash: GENESIS_HASH });
  t.equal(stored['$correlationId'], 'corr-🚦');
  t.equal(stored['$causationId'], 'cause-9');
  t.notOk('$correlationId' in (decodeRecord(record())?.metadata ?? {}), 'not part of our metadata');
});

t.test('an event without our envelope is not ours: null, not an error', async (t) => {
  for (const foreign of [undefined, new Uint8Array([1, 2]), { $correlationId: 'x' }, 'text', ['a']]) {
    t.equal(decodeRecord(record({ metadata: foreign })), null, JSON.stringify(foreign) ?? 'no metadata');
    t.notOk(isOurs(record({ metadata: foreign })));
  }
});

t.test('an event that claims to be ours but does not hold together is a DATABASE_ERROR', async (t) => {
  const envelope = (overrides: Record<string, unknown>) => ({ semaforo: { v: 1, metadata, hash, previousHash: GENESIS_HASH, ...overrides } });
  const cases: [string, Partial<LogRecord>][] = [
    ['envelope not an object', { metadata: { semaforo: 'x' } }],
    ['unknown envelope version', { metadata: envelope({ v: 2 }) }],
    ['metadata without an actor', { metadata: envelope({ metadata: { ...metadata, actor: 'u' } }) }],
    ['metadata without recordedAt', { metadata: envelope({ metadata: { ...metadata, recordedAt: 5 } }) }],
    ['hash not hex', { metadata: envelope({ hash: 'abc' }) }],
    ['previous hash missing', { metadata: envelope({ previousHash: undefined }) }],
    ['binary data', { isJson: false, data: new Uint8Array([1]) }],
    ['data not an object', { data: ['a'] }],
  ];
  for (const [what, overrides] of cases) t.throws(() => decodeRecord(record(overrides)), { code: 'DATABASE_ERROR' }, what);
  t.throws(() => decodeRecord(record({ position: undefined })), { code: 'DATABASE_ERROR', message: /22\.6 or later/ }, 'a server too old to give positions');
});

t.test('the revision becomes the version', async (t) => {
  t.equal(decodeRecord(record({ revision: 41n }))?.streamVersion, 42);
});
