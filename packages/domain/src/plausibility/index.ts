export * from './check-plausibility.js';
export * from './plausibility-commands.js';
export * from './plausibility-events.js';
export * from './plausibility-rules-in-force.js';
export * from './plausibility-rules.js';
export * from './plausibility-warning.js';
