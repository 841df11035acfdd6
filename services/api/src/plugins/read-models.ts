import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, formatLogPosition, parseLogPosition, type EventStore, type LogPosition } from '@semaforo/event-store';
import { HttpProblem } from '@semaforo/http';
import { isMissingRegistry, markStandby, parseAsOf } from '@semaforo/projector';
import { createKysely, type SqlClient, type AnyKysely } from '@semaforo/sql';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';

/**
 * A read that must see at least this log position (a write's answer's
 * `position`): read-your-writes across the primary and its hot standbys.
 */
export const MIN_POSITION_HEADER = 'semaforo-min-position';

/** Where a read was answered from: `primary` or `replica-<n>`, for operators and the replica test. */
export const READ_SOURCE_HEADER = 'semaforo-read-source';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The database holding the read models (projections' schemas and the
     * projector's registry), for query routes. Throws a 503 problem when the
     * app was built without one. Always the primary: for what a write reads.
     */
    readModels(): AnyKysely;
    /**
     * The read models for a read-only answer as of `asOf`: a hot standby when
     * one has applied everything the request asks for, else the primary (see
     * `chooseReadSide` below). Sets `semaforo-read-source` on the reply.
     */
    readModelsFor(request: FastifyRequest, asOf: string | undefined): Promise<AnyKysely>;
  }
  interface FastifyContextConfig {
    /**
     * `false` on a GET that reads no read model (an import job's progress, kept in its own table): the wait for
     * the projections would only delay it, by up to `readWaitMs` on every poll while a job keeps the log moving.
     */
    readsProjections?: false;
  }
}

export interface ReadModelsOptions {
  /** Opened and closed by whoever built the app; absent: read routes answer 503. */
  readonly sql?: SqlClient | undefined;
  /** Hot standbys of `sql` (DATABASE_REPLICA_URL), opened and closed by whoever built the app. */
  readonly replicas?: readonly SqlClient[] | undefined;
  /** The log whose head a read of the latest waits for (see `readWaitMs`). */
  readonly store?: EventStore | undefined;
  /**
   * How long a read of the latest (no `asOf`) waits, at most, for the read
   * models to reach the log's head as it was when the read arrived (or the
   * `semaforo-min-position` it asks for): a client that wrote and then reads
   * sees its write, without passing a position. 0 (the default here; the
   * service's default is READ_WAIT_MS's) reads whatever the projections have.
   */
  readonly readWaitMs?: number | undefined;
}

/** How often a waiting read asks the registry again: a projector batch commits in a few milliseconds. */
const POLL_MS = 10;

/** What a database (the primary, or a standby's replay) holds of the projector's registry: the least any live projection has. */
interface ProjectionProgress {
  /** The lowest live checkpoint: every projection has applied the log up to here. */
  readonly applied: LogPosition;
  /** The lowest of each live projection's newest watermark instant, in ms; null when one has none. */
  readonly observedUntilMs: number | null;
}

interface ProgressRow {
  checkpoint_commit: string;
  checkpoint_prepare: string;
  observed_until: Date | string | null;
}

async function projectionProgress(db: AnyKysely): Promise<ProjectionProgress | undefined> {
  const { rows } = await sql<ProgressRow>`SELECT p.checkpoint_commit::text AS checkpoint_commit, p.checkpoint_prepare::text AS checkpoint_prepare,
      (SELECT max(w.observed_at) FROM projector.watermarks w WHERE w.name = p.name) AS observed_until
    FROM projector.projections p WHERE p.state = 'live'`.execute(db);
  if (rows.length === 0) return undefined;
  let applied: LogPosition | undefined;
  let observedUntilMs: number | null = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const checkpoint = { commit: BigInt(row.checkpoint_commit), prepare: BigInt(row.checkpoint_prepare) };
    if (applied === undefined || compareLogPositions(checkpoint, applied) < 0) applied = checkpoint;
    if (row.observed_until === null) observedUntilMs = null;
    else if (observedUntilMs !== null) observedUntilMs = Math.min(observedUntilMs, new Date(row.observed_until).getTime());
  }
  return applied === undefined ? undefined : { applied, observedUntilMs };
}

function minPosition(request: FastifyRequest): LogPosition | undefined {
  const header = request.headers[MIN_POSITION_HEADER];
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header[0] : header;
  const position = text === undefined ? null : parseLogPosition(text);
  if (position === null) {
    throw new HttpProblem(
      400,
      'INVALID_MIN_POSITION',
      `The ${MIN_POSITION_HEADER} header must be a log position "<commit>:<prepare>", as a write's answer gives it.`,
      {
        details: { header: MIN_POSITION_HEADER },
      },
    );
  }
  return position;
}

/**
 * Whether a standby that has replayed `progress` answers this read exactly as
 * the primary would: it must have applied every position asked for (the
 * `asOf` position, the min-position header) and, for an instant, a watermark
 * observed after it (else a watermark at or before it may still be on its way,
 * and the instant would resolve to an older position than on the primary).
 * A read asking for nothing (the latest) takes what the standby has: it
 * echoes that position, as any answer does.
 */
function standbyServes(progress: ProjectionProgress, asOf: string | undefined, atLeast: LogPosition | undefined): boolean {
  if (atLeast !== undefined && compareLogPositions(atLeast, progress.applied) > 0) return false;
  let parsed;
  try {
    parsed = parseAsOf(asOf);
  } catch {
    // The primary refuses it with the usual problem.
    return false;
  }
  if (parsed.kind === 'position') return compareLogPositions(parsed.position, progress.applied) <= 0;
  if (parsed.kind === 'instant') return progress.observedUntilMs !== null && progress.observedUntilMs > parsed.epochMs;
  return true;
}

const plugin: FastifyPluginAsync<ReadModelsOptions> = async (app, options) => {
  const db: AnyKysely | undefined = options.sql === undefined ? undefined : createKysely(options.sql);
  const standbys: AnyKysely[] = (options.replicas ?? []).map((replica) => markStandby(createKysely(replica)));
  let next = 0;
  const sources = new WeakMap<FastifyRequest, string>();
  const primary = (): AnyKysely => {
    if (db === undefined) {
      throw new HttpProblem(503, 'READ_MODELS_UNAVAILABLE', 'This server has no read models configured. Retry later.', { retryAfterSeconds: 5 });
    }
    return db;
  };
  app.decorate('readModels', primary);

  const readWaitMs = options.readWaitMs ?? 0;
  const store = options.store;
  if (db !== undefined && store !== undefined && readWaitMs > 0) {
    /*
     * Before the handler (after authentication, so a refused request costs
     * no query): a GET of the latest waits for the projections to have applied
     * everything logged before it arrived. A read with `asOf` or a cursor names
     * its own position and is left alone. Past the wait, an implicit target
     * answers what the read models have (the answer echoes its position); an
     * explicit min-position is a promise the client asked for, so it is a 503.
     */
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (request.routeOptions.config.readsProjections === false) return;
      const route = request.routeOptions.url ?? '';
      if (!route.startsWith('/v1/') && !route.startsWith('/app/plans/')) return;
      const query = request.query as Record<string, unknown> | undefined;
      const asked = minPosition(request);
      if (asked === undefined && (query?.['asOf'] !== undefined || query?.['cursor'] !== undefined)) return;
      const head = asked ?? (await store.latestPosition());
      if (head === null) return;
      const deadline = Date.now() + readWaitMs;
      for (;;) {
        // No live projection yet (a first start, a rebuild): waited for as for one behind.
        const progress = await projectionProgress(db).catch((error: unknown) => {
          if (isMissingRegistry(error)) return undefined;
          throw error;
        });
        if (progress !== undefined && compareLogPositions(progress.applied, head) >= 0) return;
        if (Date.now() >= deadline) {
          const applied = progress === undefined ? null : formatLogPosition(progress.applied);
          if (asked === undefined) {
            request.log.warn({ head: formatLogPosition(head), applied }, 'read models behind the log: answering what they have');
            return;
          }
          throw new HttpProblem(503, 'READ_MODELS_BEHIND', `The read models have not reached position ${formatLogPosition(head)} yet. Retry shortly.`, {
            retryAfterSeconds: 1,
            details: { minPosition: formatLogPosition(head), applied },
          });
        }
        await sleep(POLL_MS);
      }
    });
  }
  /*
   * A standby that lags behind what the request asks for is skipped at once:
   * the read goes to the primary, which the projector writes, rather than
   * waiting for the standby. Waiting would hold a request (and a connection)
   * for an unbounded replication delay to save the primary one query, and it
   * is exactly the writer, right after writing, who would wait; the primary
   * answers now, and answers the same bytes. Standbys are tried round-robin;
   * one that does not answer (down, recovering) is skipped the same way.
   */
  // Only with standbys: without them every answer stays byte for byte what it was, headers included.
  app.decorate('readModelsFor', async (request: FastifyRequest, asOf: string | undefined): Promise<AnyKysely> => {
    const fallback = primary();
    if (standbys.length === 0) return fallback;
    const atLeast = minPosition(request);
    for (let tried = 0; tried < standbys.length; tried += 1) {
      const index = next % standbys.length;
      next += 1;
      const standby = standbys[index] as AnyKysely;
      let progress: ProjectionProgress | undefined;
      try {
        progress = await projectionProgress(standby);
      } catch (error) {
        request.log.warn({ err: error, replica: index }, 'read replica unavailable: reading from the primary');
        continue;
      }
      if (progress !== undefined && standbyServes(progress, asOf, atLeast)) {
        sources.set(request, `replica-${index}`);
        return standby;
      }
    }
    sources.set(request, 'primary');
    return fallback;
  });
  app.addHook('onSend', async (request, reply) => {
    const source = sources.get(request);
    if (source !== undefined) reply.header(READ_SOURCE_HEADER, source);
  });
  // The SqlClients are not ours to close; the kysely wrappers hold nothing of their own.
  app.addHook('onClose', async () => {
    await db?.destroy();
    await Promise.all(standbys.map((standby) => standby.destroy()));
  });
};

export const readModels = fp(plugin, { name: 'read-models', fastify: '5.x' });
