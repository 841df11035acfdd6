import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { buildApp } from '@semaforo/api';
import type { CommandMetadata } from '@semaforo/commands';
import { indicatorStreamName } from '@semaforo/domain';
import { openEventStore } from '@semaforo/event-store';
import { createLogger } from '@semaforo/runtime';
import { createPostgresClient } from '@semaforo/sql';
import { CEILING_COLUMNS } from '../harness/bench-database.js';

/*
 * A server for the `http` figure, run as a child process so that the load
 * generator does not share its event loop. `api <databaseUrl> <institution>…`
 * serves the real API (projections off, rate limit off) and issues an admin
 * token per institution; `bare-insert <databaseUrl>` serves the same route
 * doing only what the API cannot avoid, one durable single-row INSERT into
 * the twin of the log table; `bare` serves one route answering a constant.
 * All print one JSON line ({ port, tokens }) once listening, and stop on SIGTERM.
 */

const [mode, databaseUrl, ...institutions] = process.argv.slice(2);

interface AccessIssuer {
  issue(request: { institutionId: string; role: 'admin'; label: string }, metadata: CommandMetadata): Promise<{ token: string }>;
}

const CEILING_INSERT = `INSERT INTO bench_ceiling_events (${CEILING_COLUMNS})
VALUES ($1::text, $2::int, $3::uuid, $4::text, $5::jsonb, $6::jsonb, $7::text, $8::text)
RETURNING global_position::text AS position`;

interface ResultParams {
  planId: string;
  code: string;
  period: string;
}

/**
 * The ceiling of a write over HTTP: fastify with no plugins, the body parsed,
 * and one row shaped like the event the API appends (its stream, the next
 * version, a fresh id, the body as data, small metadata, hash strings)
 * committed with the database's defaults (autocommit, synchronous_commit on),
 * through the same SQL client and pool size as the API's store (10). No
 * authentication, validation, decision, canonical JSON or chain check.
 */
async function startBareInsert(url: string): Promise<{ port: number; tokens: Record<string, string>; close: () => Promise<void> }> {
  const sql = createPostgresClient({ connectionString: url, applicationName: 'semaforo-bench-ceiling' });
  // Each stream's last version and hash, in memory as the API's cache holds them, so that
  // (stream_name, stream_version) stays unique; the version is taken before the await.
  const heads = new Map<string, { version: number; hash: string }>();
  const app = Fastify({ logger: false });
  app.put<{ Params: ResultParams }>('/v1/plans/:planId/indicators/:code/results/:period', async (request) => {
    const { planId, code } = request.params;
    const stream = indicatorStreamName(planId, code);
    const head = heads.get(stream) ?? { version: 0, hash: '0'.repeat(64) };
    const hash = randomBytes(32).toString('hex');
    heads.set(stream, { version: head.version + 1, hash });
    const requestId = randomUUID();
    const metadata = { actor: { id: 'bench', role: 'admin' }, source: 'api', requestId, correlationId: requestId, recordedAt: new Date().toISOString() };
    const { rows } = await sql.query<{ position: string }>(
      CEILING_INSERT,
      [stream, head.version + 1, randomUUID(), 'ResultReported', JSON.stringify(request.body), JSON.stringify(metadata), hash, head.hash],
      { name: 'bench_http_ceiling_insert' },
    );
    return { position: rows[0]!.position };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as { port: number }).port,
    tokens: {},
    close: async () => {
      await app.close();
      await sql.close();
    },
  };
}

async function start(): Promise<{ port: number; tokens: Record<string, string>; close: () => Promise<void> }> {
  if (mode === 'bare') {
    const app = Fastify({ logger: false });
    app.put('/v1/plans/:planId/indicators/:code/results/:period', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as { port: number }).port, tokens: {}, close: () => app.close() };
  }
  if (mode === 'bare-insert' && databaseUrl !== undefined) return startBareInsert(databaseUrl);
  if (mode !== 'api' || databaseUrl === undefined) {
    throw new Error('usage: http-server.ts api <databaseUrl> <institution>… | bare-insert <databaseUrl> | bare');
  }
  const { store, sql } = await openEventStore({ databaseUrl, dataDir: 'unused' });
  const app = await buildApp({
    config: {
      port: 0,
      host: '127.0.0.1',
      dataDir: 'memory://',
      databaseUrl,
      logLevel: 'silent',
      nodeEnv: 'production',
      runProjector: false,
      rateLimitPerMinute: 0,
    },
    store,
    sql,
    logger: createLogger({ level: 'silent' }),
  });
  // The app's access directory, as the admin CLI and the API's own tests use it; its
  // fastify decorator type is declared in a module of the API that this package does not see.
  const access = (app as unknown as { access: AccessIssuer }).access;
  const tokens: Record<string, string> = {};
  for (const institutionId of institutions) {
    const requestId = crypto.randomUUID();
    const issued = await access.issue(
      { institutionId, role: 'admin', label: 'bench' },
      {
        actor: { id: 'bench', role: 'operator' },
        source: 'cli',
        requestId,
        correlationId: requestId,
        recordedAt: new Date().toISOString(),
        newEventId: () => crypto.randomUUID(),
      },
    );
    tokens[institutionId] = issued.token;
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as { port: number }).port,
    tokens,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

const server = await start();
process.stdout.write(`${JSON.stringify({ port: server.port, tokens: server.tokens })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
