export type { CommandMetadata } from './command-metadata.js';
export { eventEnvelope } from './event-envelope.js';
export { StreamCache, type CachedStream } from './stream-cache.js';
export type { WriteOptions, WriteResult } from './write-options.js';
export { WriteSide, type WriteObserver } from './write-side.js';
