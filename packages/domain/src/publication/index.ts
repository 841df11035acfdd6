export * from './publication-commands.js';
export * from './publication-decider.js';
export * from './publication-events.js';
export * from './publication-state.js';
export * from './evaluation-difference.js';
export * from './report-layouts.js';
