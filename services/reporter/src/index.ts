export { runReporter, USAGE, type ReporterIo } from './cli.js';
export { diffValues, type Difference } from './diff-values.js';
export { foldPlanAt } from './fold-plan-at.js';
export { openReadSide, type ReadSide } from './open-read-side.js';
export { regenerate, type Regenerated, type RegenerateOptions } from './regenerate.js';
export { periodIdsOf, verify, type PeriodVerdict, type Verification, type VerifyOptions } from './verify.js';
export { catchUpReadModel } from './catch-up.js';
export { formatLogVerification, verifyLog, type LogProblem, type LogProblemKind, type LogVerification, type VerifyLogOptions } from './verify-log.js';
