export type {
  AppendGuard,
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventSource,
  EventStore,
  EventToAppend,
  JsonObject,
  JsonValue,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  MultiStreamAppender,
  MultiStreamAppendOptions,
  StreamAppend,
  StreamRead,
} from './event-store.js';
export { canAppendToStreams } from './event-store.js';
export { LOG_START, compareLogPositions, formatLogPosition, parseLogPosition, type LogPosition } from './log-position.js';
export { ConcurrencyError, EventStoreError, StoreUnavailableError, type EventStoreErrorCode } from './errors.js';
export { canonicalJson } from '@semaforo/canonical-json';
export { GENESIS_HASH, computeEventHash, verifyStreamChain, type ChainVerification, type HashedContent } from './hash-chain.js';
export { migrateEventStore } from './schema.js';
export { createSqlEventStore, type SqlEventStore, type SqlEventStoreOptions } from './sql-event-store.js';
export { openEventStore, type OpenEventStoreOptions } from './open-event-store.js';
export { createKurrentDbEventStore, type KurrentDbEventStoreOptions } from './adapters/kurrentdb/kurrentdb-event-store.js';
