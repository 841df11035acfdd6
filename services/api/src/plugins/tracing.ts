import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** Probes and scrapes, every few seconds: a trace of each would bury the requests people make. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * A span per HTTP request (`@fastify/otel`: the request, and its handler as a
 * child, in whose context the write path opens its own span), exported by
 * the SDK `startTracing` registered. Registered only when tracing is on, and
 * `@fastify/otel` is imported only then. Before every other plugin, so that
 * it sees every route as it is added. Hooks get no span of their own: a
 * request passes a dozen (authentication, rate limit, idempotency, …), and
 * their time is in the request's span.
 */
const plugin: FastifyPluginAsync = async (app) => {
  const { FastifyOtelInstrumentation } = await import('@fastify/otel');
  const instrumentation = new FastifyOtelInstrumentation({
    instrumentHooks: false,
    ignorePaths: ({ url }) => UNTRACED_PATHS.has(url.split('?', 1)[0]!),
  });
  await app.register(instrumentation.plugin());
};

export const requestTracing = fp(plugin, { name: 'request-tracing' });
