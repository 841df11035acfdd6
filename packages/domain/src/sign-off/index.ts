export * from './data-entry-deadline.js';
export * from './period-lock.js';
export * from './sign-off-commands.js';
export * from './sign-off-decider.js';
export * from './sign-off-events.js';
export * from './sign-off-state.js';
export * from './unapproved-units.js';
