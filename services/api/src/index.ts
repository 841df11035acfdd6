export { buildApp, BODY_LIMIT_BYTES, type App, type BuildAppOptions } from './app.js';
export type { ApiCommandMetadata } from './command-metadata.js';
export { AdminAlreadyExistsError, bootstrapAdmin, type BootstrapOptions } from './auth/bootstrap.js';
export { ROUTE_ACCESS, type RouteAccess } from './auth/route-access.js';
