import { timingSafeEqual } from 'node:crypto';
import type { WriteObserver } from '@semaforo/commands';
import type { EventStore } from '@semaforo/event-store';
import { readProjectionStatus } from '@semaforo/projector';
import { SqlError, type SqlClient } from '@semaforo/sql';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** What the metrics count; `writeSide` reports its conflicts here. */
    metrics: Metrics;
  }
}

export interface Metrics {
  readonly registry: Registry;
  readonly writeObserver: WriteObserver;
  /** Whether `authorization` carries METRICS_TOKEN (compared in constant time). */
  allows(authorization: string | undefined): boolean;
  readonly enabled: boolean;
}

export interface MetricsOptions {
  readonly token?: string | undefined;
  readonly store: EventStore;
  readonly sql?: SqlClient | undefined;
  readonly clock: () => Date;
}

/**
 * Prometheus metrics (`prom-client`): requests per route (the route's
 * pattern, never the URL, so plans and indicators do not multiply the
 * series), append conflicts and their retries, and, read when scraped,
 * each projection's lag and the import jobs by state.
 */
const plugin: FastifyPluginAsync<MetricsOptions> = async (app, options) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'semaforo_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'semaforo_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const conflicts = new Counter({
    name: 'semaforo_append_conflicts_total',
    help: 'Appends lost to a concurrent writer; outcome "retried" (decided again on fresh state) or "refused" (answered 409/412).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'semaforo_projection_lag_events',
    help: 'Events of the log not yet applied by a projection version.',
    labelNames: ['projection', 'version', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const status of await projectionStatus()) this.set({ projection: status.name, version: String(status.version), state: status.state }, status.lag);
    },
  });
  new Gauge({
    name: 'semaforo_projection_lag_seconds',
    help: 'Age of the oldest event a projection version has not applied yet (0 when caught up).',
    labelNames: ['projection', 'version', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = options.clock().getTime();
      for (const status of await projectionStatus()) {
        let seconds = 0;
        if (status.lag > 0) {
          const [next] = await options.store.readAll({ after: status.checkpoint, limit: 1 });
          if (next !== undefined) seconds = Math.max(0, (now - Date.parse(next.metadata.recordedAt)) / 1000);
        }
        this.set({ projection: status.name, version: String(status.version), state: status.state }, seconds);
      }
    },
  });
  new Gauge({
    name: 'semaforo_import_jobs',
    help: 'Import jobs by their latest state (queued, started, running, done, failed).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (options.sql === undefined) return;
      try {
        const { rows } = await options.sql.query<{ state: string; jobs: string }>(
          `SELECT state, count(*)::text AS jobs FROM (
             SELECT DISTINCT ON (job_id) job_id, state FROM import_job_updates ORDER BY job_id, sequence DESC
           ) latest GROUP BY state`,
        );
        for (const row of rows) this.set({ state: row.state }, Number(row.jobs));
      } catch (error) {
        // No import yet on this database: no table, no jobs.
        if (!(error instanceof SqlError && error.code === '42P01')) throw error;
      }
    },
  });

  async function projectionStatus() {
    if (options.sql === undefined) return [];
    return (await readProjectionStatus({ store: options.store, sql: options.sql })).projections;
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  const expected = options.token === undefined ? undefined : Buffer.from(`Bearer ${options.token}`);
  app.decorate('metrics', {
    registry,
    enabled: expected !== undefined,
    writeObserver: { onConflict: (retried) => conflicts.inc({ outcome: retried ? 'retried' : 'refused' }) },
    allows(authorization) {
      if (expected === undefined || authorization === undefined) return false;
      const given = Buffer.from(authorization);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  } satisfies Metrics);
};

export const metrics = fp(plugin, { name: 'metrics', fastify: '5.x' });
