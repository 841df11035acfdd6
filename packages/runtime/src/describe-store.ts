import type { DeploymentConfig } from './deployment.js';

/** Where the store is, for people: never the database password. */
export function describeStore(config: Pick<DeploymentConfig, 'dataDir' | 'databaseUrl' | 'eventStoreUrl'>): string {
  if (config.eventStoreUrl !== undefined) {
    const host = /^[a-z+]+:\/\/(?:[^@/?]*@)?([^/?]+)/i.exec(config.eventStoreUrl)?.[1] ?? '?';
    const { eventStoreUrl: _log, ...readModels } = config;
    return `log on KurrentDB at ${host}, read models in ${describeStore(readModels)}`;
  }
  if (config.databaseUrl === undefined) return `PGlite in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL at ${url.hostname}${url.port === '' ? '' : `:${url.port}`}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
