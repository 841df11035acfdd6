export { availableBackends, backendOfKind, openBackend, type Backend } from './backends.js';
export { aDefinition, commandClock, STORY_PLAN_ID, storyWriter, writePlanStory } from './plan-story.js';
export { largePlanEvents, type LargePlanOptions } from './large-plan.js';
export { manualClock, startProjector, waitUntilProjected, type ManualClock } from './running-projector.js';
