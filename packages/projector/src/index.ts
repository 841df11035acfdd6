export { assertProjection, projectionSchema, type ApplyContext, type Projection } from './projection.js';
export { positionFromKey, positionKey } from './position-key.js';
export { positionObservedAt } from './position-observed-at.js';
export { isMissingRegistry, liveProjection, markStandby, parseAsOf, resolveAsOf, type LiveProjection, type ParsedAsOf, type ResolvedAsOf } from './as-of.js';
export { PROJECTOR_ERROR_CODES, ProjectionApplyError, ProjectorError, type FailedEvent, type ProjectorErrorCode } from './errors.js';
export { silentLogger, type ProjectorLogger } from './logger.js';
export type { ProjectionProgress } from './projection-worker.js';
export { DEFAULT_BATCH_SIZE, runProjections, type RunProjectionsOptions } from './run-projections.js';
export {
  DEFAULT_REBUILD_BATCH_SIZE,
  rebuildProjection,
  rebuildProjections,
  type RebuildProjectionOptions,
  type RebuildProjectionsOptions,
  type RebuildResult,
} from './rebuild-projection.js';
export { readProjectionStatus, type ProjectionStatus } from './projection-status.js';
export { migrateProjectorRegistry } from './registry-migrations.js';
export { listRegistrations, type ProjectionState, type Registration } from './registry.js';
