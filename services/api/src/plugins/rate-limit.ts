import rateLimit from '@fastify/rate-limit';
import { HttpProblem } from '@semaforo/http';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface RateLimitOptions {
  /** Requests per minute per token (per client address without one). 0 turns the limit off. */
  readonly perMinute: number;
}

/**
 * A ceiling per token, so one runaway script cannot starve an institution's
 * other clients. Counted per process (in memory): behind N instances the
 * effective ceiling is N times this. Counted after authentication, so the
 * key is the token id when the token is good, and the client's address
 * otherwise (guessing tokens is then limited per address).
 */
const plugin: FastifyPluginAsync<RateLimitOptions> = async (app, options) => {
  if (options.perMinute === 0) return;
  await app.register(rateLimit, {
    max: options.perMinute,
    timeWindow: 60_000,
    keyGenerator: keyOf,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, 'RATE_LIMITED', `More than ${context.max} requests in a minute with this token. Wait ${context.after} and retry.`, {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
        params: { max: context.max, after: context.after, seconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      }),
  });
};

function keyOf(request: FastifyRequest): string {
  const principal = request.principal;
  return principal === null ? `address:${request.ip}` : `token:${principal.institutionId}.${principal.tokenId}`;
}

export const rateLimiting = fp(plugin, { name: 'rate-limiting', fastify: '5.x', dependencies: ['authentication'] });
