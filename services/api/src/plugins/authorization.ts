import { indicatorStream, planIdSchema, planStream, unitWithinScope } from '@semaforo/domain';
import { HttpProblem, problemResponses, type HttpSecurityScheme } from '@semaforo/http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, HTTPMethods, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal, RejectionReason } from '../auth/principal.js';
// The very answers the plan routes give for a plan or an indicator that does not exist.
import { indicatorNotFound } from '../routes/indicators/indicator-view.js';
import { planNotFound } from '../routes/shared/plan-not-found.js';
import { describeAccess, ROUTE_ACCESS, routeAccessFor, type RouteAccess } from '../auth/route-access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: set from `ROUTE_ACCESS` when the route is added (a test-only route may set it itself). */
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route added after this plugin, with the access it got: what the authorization matrix test walks. */
    routeCatalog(): readonly CatalogEntry[];
  }
}

export interface CatalogEntry {
  readonly method: HTTPMethods;
  readonly url: string;
  /** Undefined when `ROUTE_ACCESS` has no entry: the route then refuses everyone. */
  readonly access: RouteAccess | undefined;
}

export interface AuthorizationOptions {
  /** Default `ROUTE_ACCESS`. */
  readonly table?: Readonly<Record<string, RouteAccess>>;
}

/** The OpenAPI security scheme every protected operation refers to. */
export const BEARER_SECURITY_SCHEME: Readonly<Record<string, HttpSecurityScheme>> = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'smf_<institution>.<token id>.<secret>',
    description: 'A token issued by an admin of the institution (or, for the first admin, by `pnpm admin -- bootstrap`).',
  },
};

const REALM = 'Bearer realm="semaforo"';

/**
 * Who may do what, in three steps:
 * 1. when a route is added: its entry of `ROUTE_ACCESS` becomes its
 *    `config.access`, and its OpenAPI operation says so (security,
 *    `x-roles`, a line in the description, the 401/403/429 answers);
 * 2. before the body is read (preParsing): no token or a refused one → 401;
 *    a plan of another institution → 404, the very answer of a plan that
 *    does not exist, decided without looking at the store, so a token never
 *    learns which plan ids exist elsewhere;
 * 3. once the request is validated (preHandler): a body naming another
 *    institution → 404; then a role not allowed → 403 (after the body, so
 *    that "another institution" always wins over "not your role": 404,
 *    never 403, for anything of another institution); then a reporter
 *    writing for an indicator outside its units → 403.
 * Step 2 runs after rate limiting, so refused requests are counted too. A
 * role that may not call a route can still get a 400 for a malformed
 * request before its 403: validation comes first, and says nothing secret.
 */
const plugin: FastifyPluginAsync<AuthorizationOptions> = async (app, options) => {
  const table = options.table ?? ROUTE_ACCESS;
  const catalog: CatalogEntry[] = [];
  app.decorate('routeCatalog', () => catalog);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const fromTable = methods.map((method) => routeAccessFor(method, route.url, table)).find((access) => access !== undefined);
    if (fromTable !== undefined && route.config?.access !== undefined) {
      throw new Error(`${methods.join(',')} ${route.url}: access is declared both in ROUTE_ACCESS and in the route's config; keep one`);
    }
    const access = fromTable ?? route.config?.access;
    for (const method of methods) catalog.push({ method, url: route.url, access });
    if (access === undefined) {
      app.log.warn({ method: methods.join(','), url: route.url }, 'route without an entry in ROUTE_ACCESS: it refuses every request');
      return;
    }
    route.config = { ...route.config, access };
    if (access.public !== true) documentAccess(route, access);
  });

  app.addHook('preParsing', async (request, reply, payload) => {
    if (request.routeOptions.url === undefined) return payload;
    const access = request.routeOptions.config.access;
    if (access?.public === true) return payload;
    const principal = requirePrincipal(request, reply);
    const elsewhere = belongsElsewhere(request, principal);
    if (elsewhere !== undefined) throw planNotFound(elsewhere);
    if (access === undefined) {
      throw new HttpProblem(403, 'ROUTE_NOT_AUTHORIZED', 'This route has no access rule yet, so nobody may call it. Report it to the operators.');
    }
    return payload;
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    const principal = request.principal;
    if (access === undefined || access.public === true || principal === null) return;
    // Tenancy before role: whatever the role, anything of another institution is "not found".
    const claimed = institutionInBody(request.body);
    if (claimed !== undefined && claimed !== principal.institutionId) {
      throw new HttpProblem(404, 'INSTITUTION_NOT_FOUND', 'There is no such institution.');
    }
    if (!access.roles.includes(principal.role)) {
      throw new HttpProblem(403, 'ROLE_NOT_ALLOWED', `A token with the role ${principal.role} cannot do this. Allowed: ${describeAccess(access)}.`, {
        details: { role: principal.role, allowed: [...access.roles] },
        params: { reporterUnits: access.reporterUnits === true && access.roles.includes('reporter') },
      });
    }
    if (access.reporterUnits === true && principal.role === 'reporter') await requireUnitInScope(request, principal);
  });

  /**
   * Judged on the plan and the indicator as they are now, just before the
   * command runs: an amendment that moves the indicator to another unit
   * between this check and the append is not seen (a window of one
   * request, on a rare change made by planners).
   */
  async function requireUnitInScope(request: FastifyRequest, principal: Principal): Promise<void> {
    const { planId, code, unit: unitParam } = request.params as { planId?: string; code?: string; unit?: string };
    if (planId === undefined || (code === undefined && unitParam === undefined)) {
      throw new Error(`${request.routeOptions.url}: reporterUnits needs :planId and :code or :unit in the URL`);
    }
    const plan = await app.writeSide.read(planStream(planId));
    if (plan.state.status !== 'open') throw planNotFound(planId);
    let unit: string;
    if (unitParam !== undefined) {
      unit = unitParam;
    } else {
      const indicator = await app.writeSide.read(indicatorStream(planId, code!));
      if (indicator.state.status === 'absent') throw await indicatorNotFound(app.writeSide, planId, code!);
      unit = indicator.state.definition.unit;
    }
    if (!unitWithinScope(principal.units, unit, plan.state.units)) {
      const what = unitParam !== undefined ? `The unit ${unit} is` : `The indicator ${code} belongs to the unit ${unit}, which is`;
      throw new HttpProblem(403, 'OUTSIDE_ASSIGNED_UNITS', `${what} not one of this token's units (${principal.units.join(', ')}) nor below one of them.`, {
        details: { unit, units: [...principal.units] },
        params: unitParam !== undefined ? { unitOnly: true } : { code },
      });
    }
  }
};

function requirePrincipal(request: FastifyRequest, reply: FastifyReply): Principal {
  const authentication = request.authentication;
  if (authentication?.kind === 'authenticated') return authentication.principal;
  if (authentication === null || authentication.kind === 'anonymous') {
    reply.header('www-authenticate', REALM);
    throw new HttpProblem(401, 'AUTHENTICATION_REQUIRED', 'Send a token: `Authorization: Bearer smf_...`. An admin of your institution issues tokens.');
  }
  reply.header('www-authenticate', `${REALM}, error="invalid_token"`);
  throw new HttpProblem(401, REJECTION_CODES[authentication.reason], REJECTION_DETAILS[authentication.reason], {
    params: { reason: authentication.reason },
  });
}

const REJECTION_CODES: Readonly<Record<RejectionReason, string>> = {
  malformed: 'INVALID_TOKEN',
  invalid: 'INVALID_TOKEN',
  revoked: 'TOKEN_REVOKED',
  expired: 'TOKEN_EXPIRED',
};

const REJECTION_DETAILS: Readonly<Record<RejectionReason, string>> = {
  malformed: 'The Authorization header must read `Bearer smf_<institution>.<id>.<secret>`, the token exactly as it was issued.',
  invalid: 'This token is not valid. Check it was copied whole; an admin of your institution can issue a new one.',
  revoked: 'This token was revoked. Ask an admin of your institution for a new one.',
  expired: 'This token has expired. Ask an admin of your institution for a new one.',
};

/** The plan id of another institution the URL names, if it names one. */
function belongsElsewhere(request: FastifyRequest, principal: Principal): string | undefined {
  const params = request.params as Record<string, unknown> | undefined;
  const planId = params?.['planId'];
  if (typeof planId !== 'string') return undefined;
  // A malformed plan id names nobody: validation answers 400 for it.
  if (!planIdSchema.safeParse(planId).success) return undefined;
  // Plan ids are `<institution>-<year>`: the id says whose plan it is.
  const institution = planId.slice(0, -'-YYYY'.length);
  return institution !== principal.institutionId ? planId : undefined;
}

function institutionInBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)['institutionId'];
  return typeof value === 'string' ? value : undefined;
}

function documentAccess(route: RouteOptions, access: Exclude<RouteAccess, { public: true }>): void {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const line = `**Roles:** ${describeAccess(access)}.`;
  const description = typeof schema['description'] === 'string' ? `${schema['description']}\n\n${line}` : line;
  const response = (schema['response'] ?? {}) as Record<string, unknown>;
  const documented: Record<string, unknown> = {
    ...schema,
    description,
    security: [{ bearerAuth: [] }],
    // An OpenAPI extension: @fastify/swagger copies `x-` keys to the operation.
    'x-roles': [...access.roles],
    // A body naming another institution is "not found" (404) like a plan of another institution.
    response: { ...problemResponses(401, 403, 429), ...(namesInstitution(schema['body']) ? problemResponses(404) : {}), ...response },
  };
  route.schema = documented;
}

function namesInstitution(body: unknown): boolean {
  const shape = (body as { shape?: unknown } | undefined)?.shape;
  return typeof shape === 'object' && shape !== null && 'institutionId' in shape;
}

export const authorization = fp(plugin, { name: 'authorization', fastify: '5.x', dependencies: ['authentication'] });
