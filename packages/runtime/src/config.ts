import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute path of PGlite's data folder, or `memory://` for a throw-away store. */
  readonly dataDir: string;
  /** When set, the store is this PostgreSQL database and `dataDir` is unused. */
  readonly databaseUrl?: string;
  /** Hot standbys of `databaseUrl` (DATABASE_REPLICA_URL, comma-separated): where the read routes read. */
  readonly databaseReplicaUrls?: readonly string[];
  /** When set, the event log is on this EventStoreDB / KurrentDB; the database above keeps the read models. */
  readonly eventStoreUrl?: string;
  readonly logLevel: LogLevel;
  readonly nodeEnv: NodeEnv;
  /** Run the projections in this process (RUN_PROJECTOR; absent: true). */
  readonly runProjector?: boolean;
  /** Requests per minute per token (0: no limit). Absent: `DEFAULT_RATE_LIMIT_PER_MINUTE`. */
  readonly rateLimitPerMinute?: number;
  /** Events per projector batch (one transaction each); absent: the runner's default. */
  readonly projectorBatchSize?: number;
  /** The web app's key for session cookies (SESSION_SECRET); absent: a random one per process, so sessions end at a restart. */
  readonly sessionSecret?: string;
  /** SEMAFORO_INSTITUTION: the institution whose first admin token the API issues and prints at its first start. */
  readonly firstInstitution?: string;
  /**
   * METRICS_TOKEN: the bearer token of `GET /metrics`; absent, metrics are off.
   * A token on the API's own port rather than a METRICS_PORT: one listener to
   * bind, expose and put behind TLS, and Prometheus sends bearer tokens natively.
   */
  readonly metricsToken?: string;
  /** READ_WAIT_MS: how long a read of the latest waits for the projections to reach what was written before it; absent: `DEFAULT_READ_WAIT_MS`. */
  readonly readWaitMs?: number;
  /**
   * OTEL_EXPORTER_OTLP_ENDPOINT: an OTLP/HTTP collector's base URL (spans go to `<it>/v1/traces`);
   * absent, tracing is off and no OpenTelemetry SDK is loaded.
   */
  readonly otelEndpoint?: string;
  /** OTEL_SERVICE_NAME: the traces' `service.name`; absent, the service's own (`semaforo-api`, `semaforo-projector`). */
  readonly otelServiceName?: string;
}

/** Long enough for the projector's next batch on a busy machine, short enough to notice a stuck one. */
export const DEFAULT_READ_WAIT_MS = 2000;

/** High enough for an importer or a report job, low enough that a runaway loop is noticed. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

// An empty variable (`DATABASE_URL=` in a .env file) means "not set".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  PORT: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535')),
  ),
  HOST: optional(z.string().trim().min(1, 'must not be blank')),
  DATA_DIR: optional(z.string().trim().min(1, 'must not be blank')),
  DATABASE_URL: optional(z.string().refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), 'must be a postgres:// or postgresql:// URL')),
  DATABASE_REPLICA_URL: optional(
    z
      .string()
      .transform((value) => value.split(',').map((url) => url.trim()))
      .refine(
        (urls) => urls.every((url) => /^postgres(ql)?:\/\/[^\s]+$/.test(url)),
        'must be one or more postgres:// or postgresql:// URLs, separated by commas',
      ),
  ),
  EVENTSTORE_URL: optional(
    z
      .string()
      .refine(
        (value) => /^(esdb|kurrentdb)(\+discover)?:\/\/[^\s/?#]+([/?][^\s]*)?$/.test(value),
        'must be an esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover:// URL',
      ),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  NODE_ENV: optional(z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` })),
  RUN_PROJECTOR: optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
  RATE_LIMIT_PER_MINUTE: optional(z.string().regex(/^\d+$/, 'must be a whole number (0 turns the limit off)').transform(Number)),
  PROJECTOR_BATCH_SIZE: optional(
    z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, 'must be a whole number from 1 to 999999')
      .transform(Number),
  ),
  READ_WAIT_MS: optional(
    z
      .string()
      .regex(/^\d{1,6}$/, 'must be a whole number of milliseconds (0 turns the wait off)')
      .transform(Number),
  ),
  // The OpenTelemetry variables' standard names, so a collector's usual setup works unchanged.
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(
    z
      .string()
      .refine(
        (value) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value),
        'must be an http:// or https:// URL without a query (the collector, e.g. http://127.0.0.1:4318)',
      ),
  ),
  OTEL_SERVICE_NAME: optional(z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')),
  SESSION_SECRET: optional(z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')),
  // The domain's institution id rule, repeated: the runtime does not depend on the domain.
  METRICS_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{32,}$/, 'must be at least 32 visible ASCII characters (e.g. `openssl rand -hex 32`)')),
  SEMAFORO_INSTITUTION: optional(
    z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'must be 1 to 48 lower-case letters, digits or "-", not starting or ending with "-"'),
  ),
});

/** The variables, for a requirement to name. */
export type ConfigVariable = keyof z.input<typeof envSchema>;

const SECRET_VARIABLES = new Set(['DATABASE_URL', 'DATABASE_REPLICA_URL', 'EVENTSTORE_URL', 'SESSION_SECRET', 'METRICS_TOKEN', 'OTEL_EXPORTER_OTLP_ENDPOINT']);

/**
 * What one service needs on top of the schema, checked on the one parsed
 * configuration (the projector service's `POSTGRES_REQUIRED`, for example).
 * When `variable` is itself invalid, `problem` replaces the schema's message
 * for it: the service's reason is the more useful one to read.
 */
export interface ConfigRequirement {
  readonly variable: ConfigVariable;
  /** The whole line shown to the operator; it names the variable and never echoes its value. */
  readonly problem: string;
  isMet(config: Config): boolean;
}

/** Every variable that is wrong, each with what is expected; thrown by `loadConfig`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Reads every service's settings from environment variables, once, at start:
 * the API, the projector service and the reporter parse the same schema.
 *
 * - `PORT` (default 3000).
 * - `HOST` (default 127.0.0.1): only this machine. Every `/v1` route needs a
 *   bearer token; set `HOST=0.0.0.0` in a container, behind a proxy that
 *   terminates TLS (tokens must not cross a network in clear text).
 * - `DATA_DIR` (default `.data/`): PGlite's folder. A relative path is taken
 *   from the repository root, whatever the working directory; `memory://`
 *   keeps everything in memory.
 * - `DATABASE_URL` (optional): a PostgreSQL database to use instead of PGlite.
 * - `DATABASE_REPLICA_URL` (optional): hot standbys of `DATABASE_URL`, comma-separated;
 *   the read routes read there (see `services/api/src/plugins/read-models.ts`).
 * - `EVENTSTORE_URL` (optional): `esdb://` / `kurrentdb://` connection string
 *   (`+discover` for a cluster): the event log lives on EventStoreDB /
 *   KurrentDB, and PostgreSQL (or PGlite) keeps only the read models.
 * - `LOG_LEVEL` (default `info`), `NODE_ENV` (default `development`).
 * - `RUN_PROJECTOR` (default `true`): run the projections in this process.
 *   `false` when projector services (`services/projector`) do it; PostgreSQL only.
 * - `RATE_LIMIT_PER_MINUTE` (default 6000): requests per minute per token; 0 turns the limit off.
 * - `PROJECTOR_BATCH_SIZE` (optional, 1 to 999999): events per projector transaction.
 * - `METRICS_TOKEN` (optional, 32+ characters): turns on `GET /metrics` behind this bearer token.
 * - `OTEL_EXPORTER_OTLP_ENDPOINT` (optional): turns on OpenTelemetry tracing, exported there over
 *   OTLP/HTTP; `OTEL_SERVICE_NAME` (optional) names the service in the traces.
 * - `SEMAFORO_INSTITUTION` (optional): at start, the API issues this institution's first admin
 *   token and prints it, once (never again once it has a working admin token).
 *
 * `requirements` are what the calling service needs on top (see `ConfigRequirement`).
 * Throws `ConfigError` listing every bad variable at once.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly repoRoot: string; readonly requirements?: readonly ConfigRequirement[] },
): Config {
  const requirements = options.requirements ?? [];
  const parsed = envSchema.safeParse(env);
  const invalid = new Set<string>();
  const problems: string[] = [];
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const name = String(issue.path[0] ?? 'environment');
    invalid.add(name);
    const requirement = requirements.find((r) => r.variable === name);
    const given = env[name];
    // A database URL may carry a password: never echo it.
    const shown = given === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got ${JSON.stringify(given)})`;
    problems.push(requirement?.problem ?? `${name} ${issue.message}${shown}`);
  }
  // The requirements are judged on the valid variables alone, so that one run lists every problem.
  const values = parsed.success ? parsed.data : envSchema.parse({ ...env, ...Object.fromEntries([...invalid].map((name) => [name, undefined])) });
  const config = toConfig(values, options.repoRoot);
  for (const requirement of requirements) if (!invalid.has(requirement.variable) && !requirement.isMet(config)) problems.push(requirement.problem);
  if (config.databaseReplicaUrls !== undefined && config.databaseUrl === undefined) {
    problems.push('DATABASE_REPLICA_URL needs DATABASE_URL: the replicas are hot standbys of that PostgreSQL (PGlite has none)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function toConfig(values: z.output<typeof envSchema>, repoRoot: string): Config {
  const dataDir = values.DATA_DIR ?? '.data';
  return {
    port: values.PORT ?? 3000,
    host: values.HOST ?? '127.0.0.1',
    dataDir: dataDir.startsWith('memory://') || isAbsolute(dataDir) ? dataDir : resolve(repoRoot, dataDir),
    ...(values.DATABASE_URL === undefined ? {} : { databaseUrl: values.DATABASE_URL }),
    ...(values.DATABASE_REPLICA_URL === undefined ? {} : { databaseReplicaUrls: values.DATABASE_REPLICA_URL }),
    ...(values.EVENTSTORE_URL === undefined ? {} : { eventStoreUrl: values.EVENTSTORE_URL }),
    logLevel: values.LOG_LEVEL ?? 'info',
    nodeEnv: values.NODE_ENV ?? 'development',
    ...(values.RUN_PROJECTOR === undefined ? {} : { runProjector: values.RUN_PROJECTOR === 'true' }),
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
    ...(values.READ_WAIT_MS === undefined ? {} : { readWaitMs: values.READ_WAIT_MS }),
    ...(values.PROJECTOR_BATCH_SIZE === undefined ? {} : { projectorBatchSize: values.PROJECTOR_BATCH_SIZE }),
    ...(values.SESSION_SECRET === undefined ? {} : { sessionSecret: values.SESSION_SECRET }),
    ...(values.METRICS_TOKEN === undefined ? {} : { metricsToken: values.METRICS_TOKEN }),
    ...(values.SEMAFORO_INSTITUTION === undefined ? {} : { firstInstitution: values.SEMAFORO_INSTITUTION }),
    ...(values.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? {} : { otelEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT }),
    ...(values.OTEL_SERVICE_NAME === undefined ? {} : { otelServiceName: values.OTEL_SERVICE_NAME }),
  };
}
