export * from './compliance/index.js';
export * from './decimal/index.js';
export * from './evaluation/index.js';
export * from './period/index.js';
export type { Decider, NoContext } from './shared/decider.js';
export * from './shared/domain-error.js';
export type { Message } from './shared/message.js';
export type { CommandInstant, StreamContext, StreamOf } from './shared/stream-of.js';
export * from './shared/text.js';
export * from './streams.js';

export * from './plan/number-format.js';
export * from './plan/plan-commands.js';
export * from './plan/plan-decider.js';
export * from './plan/plan-events.js';
export * from './plan/plan-state.js';
export * from './plan/plan-vocabulary.js';

export * from './indicator/indicator-commands.js';
export * from './indicator/indicator-decider.js';
export * from './indicator/indicator-definition.js';
export * from './indicator/indicator-events.js';
export * from './indicator/indicator-state.js';

export * from './plausibility/index.js';
export * from './sign-off/index.js';

export * from './access/index.js';
export * from './publication/index.js';
export * from './vocabulary/index.js';
