import { randomUUID } from 'node:crypto';
import type { EventStore } from '@semaforo/event-store';
import type { SqlClient } from '@semaforo/sql';
import { openApiDocs, problemErrorHandler, problemFrameworkErrors, registerZod, useUtf8JsonParser } from '@semaforo/http';
import { createLogger, DEFAULT_RATE_LIMIT_PER_MINUTE, type Config } from '@semaforo/runtime';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { authentication } from './plugins/authentication.js';
import { authorization, BEARER_SECURITY_SCHEME } from './plugins/authorization.js';
import { eventStore } from './plugins/event-store.js';
import { idempotency } from './plugins/idempotency.js';
import { importJobs } from './plugins/import-jobs.js';
import { metrics } from './plugins/metrics.js';
import { rateLimiting } from './plugins/rate-limit.js';
import { readModels } from './plugins/read-models.js';
import { requestContext } from './plugins/request-context.js';
import { securityHeaders } from './plugins/security-headers.js';
import { requestTracing } from './plugins/tracing.js';
import { writeSide } from './plugins/write-side.js';
import { inputAlias } from './input-aliases.js';
import { decorateOperation } from './open-api-extras.js';
import { problemMappings } from './problem-mappings.js';
import { acceptableId, newRequestId } from './request-ids.js';
import { routes } from './routes/index.js';
import { webApp } from './web/web-app.js';

export interface BuildAppOptions {
  readonly config: Config;
  /** Opened by the caller, who also closes it: the app only uses it. */
  readonly store: EventStore;
  /**
   * The database of the read models (with the embedded store, the store's
   * own `sql`). Opened and closed by the caller. Without it, query routes
   * answer 503.
   */
  readonly readModels?: SqlClient;
  /** Hot standbys of `readModels` (`Deployment.readReplicas`), where read routes read when they can. Opened and closed by the caller. */
  readonly readReplicas?: readonly SqlClient[];
  /**
   * The deployment's read-model database (`Deployment.readModels`): where
   * idempotency keys are kept, so every API process sees them. Without it,
   * keys live in this process only.
   */
  readonly sql?: SqlClient;
  /** How long a process trusts its cached view of an institution's tokens (default 5 s). */
  readonly tokenCacheTtlMs?: number;
  /** Default: a pino logger at `config.logLevel`, with credentials redacted. */
  readonly logger?: Logger;
  /** Default: the system clock. Tests pass a fixed one. */
  readonly clock?: () => Date;
  /** Default: random UUIDs. */
  readonly newEventId?: () => string;
  /**
   * How long a GET of the latest waits for the read models to reach the log's
   * head (see the read-models plugin); default 0, no wait. The service passes
   * READ_WAIT_MS's value.
   */
  readonly readWaitMs?: number;
  /** Rows per append (and progress update) of an import job; default 500. */
  readonly importChunkRows?: number;
}

/**
 * A JSON API: requests larger than this are refused with 413. A plan with
 * a few hundred indicators fits; bulk imports go through the importer.
 */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The API as a fastify instance, not listening: `server.ts` listens, tests
 * call `inject`. Plugins in layers: vendor ones (security headers), then
 * ours (errors, ids, store, docs), then routes, so that every route sees
 * every decorator and the docs see every route.
 */
export async function buildApp(options: BuildAppOptions) {
  const { config } = options;
  // Typed as fastify's logger so the instance is a plain FastifyInstance, the
  // type every plugin and route file is written against.
  const logger: FastifyBaseLogger = options.logger ?? createLogger({ level: config.logLevel });
  const app = Fastify({
    loggerInstance: logger,
    // The client's X-Request-Id when it is safe to echo and log, else ours.
    requestIdHeader: false,
    genReqId: (request) => acceptableId(request.headers['x-request-id']) ?? newRequestId(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: BODY_LIMIT_BYTES,
    // URLs the router cannot read (bad percent-encoding, over-long parameters) answer problem+json too.
    frameworkErrors: problemFrameworkErrors,
  });

  // First, so that every hook and route added after it runs inside the request's span.
  if (config.otelEndpoint !== undefined) await app.register(requestTracing);

  // Every body strict, and the spellings people write (Spanish words, decimals as JSON numbers) on every route.
  registerZod(app, { inputAlias });
  // JSON only: without this, a text/plain body would reach the schema as a
  // string and fail validation with a confusing message, instead of a 415.
  app.removeContentTypeParser('text/plain');
  // UTF-8 or nothing: other bytes would be stored as replacement characters, not as sent.
  useUtf8JsonParser(app);

  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      // Helmet's defaults already fit the docs page (scripts and styles from
      // 'self'; the docs' assets are ours). Only dropped: upgrading requests
      // to https, which breaks the docs on a plain-http deployment.
      directives: { upgradeInsecureRequests: null },
    },
  });
  await app.register(problemErrorHandler, problemMappings);
  const clock = options.clock ?? (() => new Date());
  await app.register(requestContext, {
    clock,
    newEventId: options.newEventId ?? randomUUID,
  });
  await app.register(eventStore, { store: options.store });
  // Before any route is added: authorization attaches each route's access
  // rule as it is added, and rate limiting hooks into each route.
  await app.register(authentication, {
    store: options.store,
    clock,
    ...(options.tokenCacheTtlMs === undefined ? {} : { cacheTtlMs: options.tokenCacheTtlMs }),
  });
  await app.register(authorization);
  await app.register(rateLimiting, { perMinute: config.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE });
  await app.register(idempotency, { clock, ...(options.sql === undefined ? {} : { sql: options.sql }) });
  await app.register(metrics, { token: config.metricsToken, store: options.store, sql: options.readModels, clock });
  await app.register(writeSide);
  await app.register(importJobs, { sql: options.sql, ...(options.importChunkRows === undefined ? {} : { chunkRows: options.importChunkRows }) });
  await app.register(readModels, { sql: options.readModels, replicas: options.readReplicas, store: options.store, readWaitMs: options.readWaitMs });
  await app.register(openApiDocs, {
    title: 'Semáforo API',
    version: '0.1.0',
    description:
      'Annual work plans of public institutions: indicators, targets, results and quarterly evaluations with a traffic light per indicator. Errors are `application/problem+json` (RFC 9457); writes take `If-Match` with the ETag of what you read.\n\n' +
      'Every `/v1` route needs `Authorization: Bearer <token>`; each operation lists the roles it allows (`x-roles`). A token of one institution sees nothing of another (404). Every POST, PUT and PATCH accepts `Idempotency-Key`: a retry with the same key and body gets the first answer back (`Idempotent-Replayed: true`) and changes nothing; keys are kept 24 hours.\n\n' +
      '**First step, bootstrap**: the first admin token of an institution is printed once by `pnpm -s admin -- bootstrap --institution <id>` (with the embedded store, run it while the service is stopped); that admin then issues every other token with `POST /v1/access/tokens`.\n\n' +
      'Bodies are strict: an unknown field is 400 `VALIDATION_FAILED` naming it. A decimal field takes a string (`"12.5"`) or a JSON number written as an exact decimal (`12.5`), answered back as the string. Enumerations also take the words people write in Spanish or English (`"resultado"`, `"Trimestral"`). Errors are in Spanish unless `Accept-Language` prefers English.',
    securitySchemes: BEARER_SECURITY_SCHEME,
    decorateOperation,
  });
  await app.register(routes);
  // The pages for people, over the same read models, write path and route × role table.
  await app.register(webApp, { sessionSecret: config.sessionSecret });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
