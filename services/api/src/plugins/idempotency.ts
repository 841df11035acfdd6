import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '@semaforo/event-store';
import { HttpProblem } from '@semaforo/http';
import type { SqlClient } from '@semaforo/sql';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { IdempotencyStore, StoredResponse } from '../idempotency/idempotency-store.js';
import { createMemoryIdempotencyStore } from '../idempotency/memory-idempotency-store.js';
import { createSqlIdempotencyStore } from '../idempotency/sql-idempotency-store.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `withhold-body`: the response carries a secret; it is not kept, and a replay says so instead of repeating it. */
    idempotentReplay?: 'withhold-body';
  }
  interface FastifyRequest {
    /** The key this request claimed and must complete or release; null otherwise. */
    idempotencyClaim: ActiveClaim | null;
  }
}

interface ActiveClaim {
  readonly scope: string;
  readonly key: string;
  readonly owner: string;
  settled: boolean;
}

export interface IdempotencyOptions {
  /** The event store's SQL client. Without one, keys live in this process only. */
  readonly sql?: SqlClient;
  readonly clock: () => Date;
  /** How long a key is kept after first use (default 24 h). */
  readonly retentionMs?: number;
  /** How long a retry waits for the first request of its key to finish (default 30 s), then 409. */
  readonly maxWaitMs?: number;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Printable ASCII, no spaces: a UUID, a ULID, or whatever a client's retry library makes. */
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;
const HEADERS_TO_REPLAY = ['content-type', 'etag', 'location'] as const;
const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_WAIT_MS = 30_000;
/** A claimant that neither completed nor released within this is presumed dead (its process crashed). */
const LEASE_MS = 60_000;
const PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * `Idempotency-Key` on POST, PUT and PATCH (IETF draft
 * "The Idempotency-Key HTTP Header Field"):
 * - the first request with a key claims it (one row, unique per institution
 *   and key) BEFORE executing; concurrent retries find the claim and wait
 *   for its outcome, so the command runs once;
 * - a success (2xx) is kept with its status, ETag, Location and body; a
 *   retry with the same method, path and body gets it back, with
 *   `Idempotent-Replayed: true`, and nothing is appended;
 * - the same key with another request is 422 `IDEMPOTENCY_KEY_REUSED`;
 * - a failure releases the key: nothing was appended, so retrying executes
 *   again (a 412 or 503 may well succeed the second time).
 * Keys are kept 24 hours (clients retry within minutes; a day covers a
 * batch re-run the next morning); expired rows are purged lazily, at most
 * every 10 minutes, by the request that claims a key.
 *
 * Runs after authorization (preHandler, registered after it): refused
 * requests never claim a key.
 */
const plugin: FastifyPluginAsync<IdempotencyOptions> = async (app, options) => {
  const store: IdempotencyStore = options.sql === undefined ? createMemoryIdempotencyStore() : await createSqlIdempotencyStore(options.sql);
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  /** Claims held by requests of this process: their retries here wait on these instead of polling. */
  const inFlight = new Map<string, Promise<void>>();
  const settleInFlight = new Map<string, () => void>();
  let lastPurge = Number.NEGATIVE_INFINITY;

  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || request.principal === null) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !ACCEPTABLE_KEY.test(header)) {
      throw new HttpProblem(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID.');
    }
    const scope = request.principal.institutionId;
    const key = header;
    const fingerprint = fingerprintOf(request);
    const started = performance.now();

    for (let attempt = 0; ; attempt++) {
      const now = options.clock();
      if (now.getTime() - lastPurge >= PURGE_INTERVAL_MS) {
        lastPurge = now.getTime();
        await store.purgeExpired(now);
      }
      const owner = randomUUID();
      const outcome = await store.claim({
        scope,
        key,
        fingerprint,
        owner,
        now,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        expiresAt: new Date(now.getTime() + retentionMs),
      });
      if (outcome.claimed) {
        request.idempotencyClaim = { scope, key, owner, settled: false };
        const id = localId(scope, key);
        inFlight.set(id, new Promise<void>((resolve) => settleInFlight.set(id, resolve)));
        return;
      }
      const record = outcome.record;
      if (record !== null && record.fingerprint !== fingerprint) {
        throw new HttpProblem(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request (method, path or body). Use a new key for a new request.',
        );
      }
      if (record?.state === 'done' && record.response !== null) return replay(reply, record.response);
      const waited = performance.now() - started;
      if (waited >= maxWaitMs) {
        throw new HttpProblem(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed. Retry in a moment.', {
          retryAfterSeconds: 1,
        });
      }
      // The claimant is in this process: wait for it. Elsewhere: poll, backing off.
      const local = inFlight.get(localId(scope, key));
      const pause = Math.min(maxWaitMs - waited, local === undefined ? Math.min(25 * 2 ** attempt, 250) : maxWaitMs);
      await waitAtMost(local, pause);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (claim === null || claim.settled) return payload;
    claim.settled = true;
    try {
      const status = reply.statusCode;
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : undefined;
      if (status >= 200 && status < 300 && body !== undefined) {
        const headers: Record<string, string> = {};
        for (const name of HEADERS_TO_REPLAY) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        const withhold = request.routeOptions.config.idempotentReplay === 'withhold-body';
        await store.complete(claim.scope, claim.key, claim.owner, { status, headers, body: withhold ? null : body });
      } else {
        await store.release(claim.scope, claim.key, claim.owner);
      }
    } catch (error) {
      // The command ran and the client deserves its answer; the key stays
      // claimed until its lease runs out, then a retry executes again.
      request.log.error({ err: error }, 'idempotency: could not record the outcome of this request');
    } finally {
      settle(claim);
    }
    return payload;
  });

  // A request that ended without sending (the client went away mid-way) must not hold its key.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotencyClaim;
    if (claim === null || claim.settled) return;
    claim.settled = true;
    try {
      await store.release(claim.scope, claim.key, claim.owner);
    } finally {
      settle(claim);
    }
  });

  function settle(claim: ActiveClaim): void {
    const id = localId(claim.scope, claim.key);
    settleInFlight.get(id)?.();
    settleInFlight.delete(id);
    inFlight.delete(id);
  }
};

function replay(reply: FastifyReply, response: StoredResponse): FastifyReply {
  if (response.body === null) {
    throw new HttpProblem(
      409,
      'IDEMPOTENT_RESPONSE_WITHHELD',
      'The request with this Idempotency-Key succeeded, but its answer carried a secret, which is shown only once. If it was lost, revoke what was created and ask again with a new key.',
      { details: { location: response.headers['location'] ?? null } },
    );
  }
  reply.code(response.status);
  for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
  reply.header('idempotent-replayed', 'true');
  return reply.send(response.body);
}

/**
 * The request as the key must find it again: method, path and query, and the validated body in canonical
 * JSON; a body of bytes (an imported file) by its SHA-256, since it is no JSON value.
 */
function fingerprintOf(request: FastifyRequest): string {
  const body = Buffer.isBuffer(request.body) ? `sha256:${createHash('sha256').update(request.body).digest('hex')}` : canonicalBody(request.body ?? null);
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`, 'utf8').digest('hex');
}

function localId(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}

/** Resolves when `promise` does (if given), or after `ms`, whichever comes first; leaves no timer behind. */
function waitAtMost(promise: Promise<void> | undefined, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise?.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const idempotency = fp(plugin, { name: 'idempotency', fastify: '5.x', dependencies: ['authorization'] });

/**
 * A route without a body schema (the import takes files) reaches this hook with whatever JSON was sent; one nested
 * deeper than the canonical writer's recursion (`[[[…]]]` 50,000 deep), or a number beyond a double (`9…9`, a
 * thousand digits), is refused as the malformed JSON it is to us.
 */
function canonicalBody(body: unknown): string {
  try {
    return canonicalJson(body);
  } catch (error) {
    // Pure over parsed JSON: what it cannot write (nested too deep, a number beyond a double) is the client's body.
    throw new HttpProblem(400, 'MALFORMED_JSON', 'The body is JSON this API cannot read: nested too deeply, or a number beyond a double.', { cause: error });
  }
}
