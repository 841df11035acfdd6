export { ANALYST, DIRECTOR, PLANNER, STEP, STORY_EVENT_COUNT, STORY_PLAN, writeAuditStory, type StoryLog, type StoryStep } from './audit-story.js';
