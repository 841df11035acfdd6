export { eventStoreContract, type EventStoreFactory, type EventStoreUnderTest } from './event-store-contract.js';
export { multiStreamAppendContract, type MultiStreamAppenderFactory, type MultiStreamAppenderUnderTest } from './multi-stream-append-contract.js';
export { readAllThrough, waitUntilCommittedReadable, waitUntilReadable } from './read-all-through.js';
export { guardedAppendContract } from './guarded-append-contract.js';
