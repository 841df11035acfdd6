export * from './access-commands.js';
export * from './access-decider.js';
export * from './access-events.js';
export * from './access-state.js';
export * from './access-vocabulary.js';
export * from './roles.js';
export * from './unit-scope.js';
