import type { EventStore } from '@semaforo/event-store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AccessDirectory } from '../auth/access-directory.js';
import type { Authentication, Principal } from '../auth/principal.js';
import type { RouteAccess } from '../auth/route-access.js';
import { bearerTokenOf } from '../auth/token.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Issues, revokes and verifies bearer tokens. */
    access: AccessDirectory;
  }
  interface FastifyRequest {
    /**
     * What the `Authorization` header said, decided before any other hook of
     * the route runs; null when nobody looked (a public route, no route).
     */
    authentication: Authentication | null;
    /** The authenticated token, or null (anonymous, refused, or a public route). */
    principal: Principal | null;
  }
}

export interface AuthenticationOptions {
  readonly store: EventStore;
  readonly clock: () => Date;
  /** See `AccessDirectoryOptions.cacheTtlMs`. */
  readonly cacheTtlMs?: number;
}

const ANONYMOUS: Authentication = { kind: 'anonymous' };

/**
 * Reads the bearer token of every request to a non-public route, before
 * rate limiting (which counts per token) and authorization (which says no).
 * It never answers by itself: a refused token is remembered, and the
 * authorization hook turns it into a 401 once the request was counted.
 */
const plugin: FastifyPluginAsync<AuthenticationOptions> = async (app, options) => {
  const directory = new AccessDirectory(options.store, {
    clock: options.clock,
    ...(options.cacheTtlMs === undefined ? {} : { cacheTtlMs: options.cacheTtlMs }),
  });
  app.decorate('access', directory);
  app.decorateRequest('authentication', null);
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request) => {
    if (isPublicOrUnrouted(request)) return;
    request.authentication = ANONYMOUS;
    const header = request.headers.authorization;
    const bearer = bearerTokenOf(header);
    if (bearer === undefined) return;
    request.authentication = bearer === null ? { kind: 'rejected', reason: 'malformed' } : await directory.authenticate(bearer);
    if (request.authentication.kind === 'authenticated') request.principal = request.authentication.principal;
  });
};

function isPublicOrUnrouted(request: FastifyRequest): boolean {
  if (request.routeOptions.url === undefined) return true;
  const access = (request.routeOptions.config as { access?: RouteAccess }).access;
  return access?.public === true;
}

/** The request's principal, in a route that requires a token (every non-public one): the authorization hook guarantees it. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error(`${request.method} ${request.routeOptions.url ?? request.url} needs a principal but has none`);
  return request.principal;
}

export const authentication = fp(plugin, { name: 'authentication', fastify: '5.x' });
