import type { ConfigRequirement } from './config.js';

export const PGLITE_REFUSAL =
  'DATABASE_URL must be a postgres:// or postgresql:// URL: the projector service runs against PostgreSQL. ' +
  'With the embedded PGlite store (no DATABASE_URL) the log lives inside the API process, ' +
  'and so do the projections: the API runs them itself (RUN_PROJECTOR=true, its default).';

/**
 * The projector service's requirement: PGlite's folder is open in one
 * process at a time, so a projector beside the API needs PostgreSQL.
 */
export const POSTGRES_REQUIRED: ConfigRequirement = {
  variable: 'DATABASE_URL',
  problem: PGLITE_REFUSAL,
  isMet: (config) => config.databaseUrl !== undefined,
};
