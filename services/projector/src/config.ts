import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ProjectorServiceConfig {
  /** The read models' PostgreSQL (and the log's, unless `eventStoreUrl`). */
  readonly databaseUrl: string;
  /** The log on EventStoreDB / KurrentDB, when set. */
  readonly eventStoreUrl?: string;
  readonly logLevel: LogLevel;
  /** Events per batch (one transaction each); absent: the runner's default. */
  readonly batchSize?: number;
}

/** Every variable that is wrong, each with what is expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export const PGLITE_REFUSAL =
  'DATABASE_URL must be a postgres:// or postgresql:// URL: the projector service runs against PostgreSQL. ' +
  'With the embedded PGlite store (no DATABASE_URL) the log lives inside the API process, ' +
  'and so do the projections: the API runs them itself (RUN_PROJECTOR=true, its default).';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string({ error: PGLITE_REFUSAL }).refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), PGLITE_REFUSAL),
  ),
  EVENTSTORE_URL: optional(
    z.string().refine((value) => /^(esdb|kurrentdb)(\+discover)?:\/\/[^\s/?#]+([/?][^\s]*)?$/.test(value), 'must be an esdb:// or kurrentdb:// URL'),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  PROJECTOR_BATCH_SIZE: optional(z.string().regex(/^[1-9][0-9]{0,5}$/, 'must be a whole number from 1 to 999999').transform(Number)),
});

const SECRETS = new Set(['DATABASE_URL', 'EVENTSTORE_URL']);

/**
 * The service's settings, from environment variables: `DATABASE_URL`
 * (required, PostgreSQL), `EVENTSTORE_URL` (optional: the log on
 * KurrentDB), `LOG_LEVEL` (default info), `PROJECTOR_BATCH_SIZE` (optional).
 * Throws ConfigError listing every problem, never echoing a URL (it may hold a password).
 */
export function loadProjectorConfig(env: Readonly<Record<string, string | undefined>>): ProjectorServiceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        if (name === 'DATABASE_URL') return issue.message;
        const given = env[name];
        return `${name} ${issue.message}${given === undefined || SECRETS.has(name) ? '' : ` (got ${JSON.stringify(given)})`}`;
      }),
    );
  }
  const values = parsed.data;
  return {
    databaseUrl: values.DATABASE_URL,
    ...(values.EVENTSTORE_URL === undefined ? {} : { eventStoreUrl: values.EVENTSTORE_URL }),
    logLevel: values.LOG_LEVEL ?? 'info',
    ...(values.PROJECTOR_BATCH_SIZE === undefined ? {} : { batchSize: values.PROJECTOR_BATCH_SIZE }),
  };
}
