export type { Aggregate } from './aggregate.js';
export { CommandHandler, type Decision } from './command-handler.js';
export type { CommandMetadata } from './command-metadata.js';
export { indicatorAggregate } from './indicator/indicator-aggregate.js';
export { planAggregate } from './plan/plan-aggregate.js';
export { StreamCache, type CachedStream } from './stream-cache.js';
export type { WriteOptions, WriteResult } from './write-options.js';
export { WriteSide } from './write-side.js';
