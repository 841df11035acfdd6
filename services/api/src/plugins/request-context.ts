import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiCommandMetadata } from '../command-metadata.js';
import { acceptableId } from '../request-ids.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** `X-Correlation-Id` when usable, else this request's id. */
    correlationId: string;
  }
  interface FastifyInstance {
    /** The metadata of a command issued by this request; see `ApiCommandMetadata`. */
    commandMetadata(request: FastifyRequest): ApiCommandMetadata;
  }
}

export interface RequestContextOptions {
  readonly clock: () => Date;
  readonly newEventId: () => string;
}

/**
 * Request and correlation ids on every request and response, and the
 * command metadata routes pass to handlers. The request id itself is chosen
 * by fastify's `genReqId` (see app.ts), before any hook runs, so that even
 * the first log line of a request carries it.
 */
const plugin: FastifyPluginAsync<RequestContextOptions> = async (app, options) => {
  app.decorateRequest('correlationId', '');

  app.addHook('onRequest', async (request, reply) => {
    request.correlationId = acceptableId(request.headers['x-correlation-id']) ?? request.id;
    reply.header('x-request-id', request.id);
    reply.header('x-correlation-id', request.correlationId);
  });

  app.decorate('commandMetadata', (request: FastifyRequest): ApiCommandMetadata => ({
    actor: actorOf(request),
    source: 'api',
    requestId: request.id,
    correlationId: request.correlationId,
    causationId: request.id,
    recordedAt: options.clock().toISOString(),
    newEventId: options.newEventId,
  }));
};

/**
 * The actor is the authenticated token: its id (stable, unique; the access
 * stream says whose it is) and the role it acted in. Only routes that require
 * a token issue commands, so a request without one here is a bug.
 */
function actorOf(request: FastifyRequest): ApiCommandMetadata['actor'] {
  const principal = request.principal;
  if (principal === null) throw new Error(`${request.method} ${request.routeOptions.url ?? request.url} issues a command but is not authenticated`);
  return { id: principal.tokenId, role: principal.role };
}

export const requestContext = fp(plugin, { name: 'request-context', fastify: '5.x' });
