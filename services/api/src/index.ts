export { buildApp, BODY_LIMIT_BYTES, type App, type BuildAppOptions } from './app.js';
export { ConfigError, loadConfig, LOG_LEVELS, NODE_ENVS, type Config, type LogLevel, type NodeEnv } from './config.js';
export type { ApiCommandMetadata } from './command-metadata.js';
export { createLogger, redactUrl } from './logger.js';
export { findRepoRoot } from './repo-root.js';
export { AdminAlreadyExistsError, bootstrapAdmin, type BootstrapOptions } from './auth/bootstrap.js';
export { ROUTE_ACCESS, type RouteAccess } from './auth/route-access.js';
