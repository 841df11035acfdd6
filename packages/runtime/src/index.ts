export {
  ConfigError,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_READ_WAIT_MS,
  loadConfig,
  LOG_LEVELS,
  NODE_ENVS,
  type Config,
  type ConfigRequirement,
  type ConfigVariable,
  type LogLevel,
  type NodeEnv,
} from './config.js';
export { PGLITE_REFUSAL, POSTGRES_REQUIRED } from './service-requirements.js';
export { openDeployment, type Deployment, type DeploymentConfig } from './deployment.js';
export type { InProcessProjector } from './in-process-projector.js';
export { describeStore } from './describe-store.js';
export { allProjections } from './projections.js';
export { createLogger, redactUrl } from './logger.js';
export { findRepoRoot } from './repo-root.js';
export {
  controlSocketPath,
  forwardToRunningService,
  serveControlSocket,
  type ControlHandler,
  type ControlOutput,
  type ControlRequest,
  type ControlTool,
} from './control-socket.js';
export { createPrettyDestination } from './pretty-destination.js';
export { renderEditionReport, renderReportAt, type ReportRequest } from './report-at.js';
export { startTracing, type Tracing } from './tracing.js';
