import { ROLES, type Role } from '@semaforo/domain';

/**
 * Who may call a route. `public`: anyone, no token. Otherwise a token of the
 * institution the route names, in one of `roles`. `reporterUnits`: a
 * reporter passes only for a unit (`:unit`, or the unit of the indicator
 * `:code`) that is one of its units or below one of them; the other roles
 * listed are not limited.
 */
export type RouteAccess = { readonly public: true } | { readonly public?: false; readonly roles: readonly Role[]; readonly reporterUnits?: boolean };

const PUBLIC: RouteAccess = { public: true };
const EVERY_ROLE: RouteAccess = { roles: ROLES };
const PLANNING: RouteAccess = { roles: ['admin', 'planner'] };
const REPORTING: RouteAccess = { roles: ['admin', 'reporter'], reporterUnits: true };
/** Raw streams and the audit trail: who changed what, for those who answer for it. */
const AUDITING: RouteAccess = { roles: ['admin', 'auditor'] };
const ADMINISTRATION: RouteAccess = { roles: ['admin'] };
/** Imports: planners everything; a reporter results of its units only, judged row by row by the importer. */
const IMPORTING: RouteAccess = { roles: ['admin', 'planner', 'reporter'] };

/**
 * THE table: every route of the API, by method and URL as registered
 * (HEAD follows GET; a trailing `*` covers every URL below a prefix). The
 * authorization hook enforces it and the OpenAPI document shows it (security
 * and `x-roles` per operation). A route missing here answers 403 to
 * everyone and fails the authorization matrix test, so adding a route means
 * deciding here who may call it.
 *
 * Tenancy is not in this table: a `:planId` always belongs to the
 * institution in its name, and a token only ever reaches its own.
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  // operations and documentation
  'GET /health': PUBLIC,
  'GET /ready': PUBLIC,
  // Its own token, METRICS_TOKEN, checked by the route: a scraper belongs to no institution.
  'GET /metrics': PUBLIC,
  'GET /openapi.json': PUBLIC,
  'GET /docs*': PUBLIC,

  // plans
  'POST /v1/plans': PLANNING,
  'GET /v1/plans/:planId': EVERY_ROLE,
  'GET /v1/plans/:planId/events': AUDITING,
  'POST /v1/plans/:planId/perspectives': PLANNING,
  'GET /v1/plans/:planId/perspectives/:code': EVERY_ROLE,
  'PATCH /v1/plans/:planId/perspectives/:code': PLANNING,
  'POST /v1/plans/:planId/perspectives/:code/retirement': PLANNING,
  'PUT /v1/plans/:planId/evaluation-scale': PLANNING,
  'PUT /v1/plans/:planId/number-format': PLANNING,
  'POST /v1/plans/:planId/units': PLANNING,
  'GET /v1/plans/:planId/units/:code': EVERY_ROLE,
  'PATCH /v1/plans/:planId/units/:code': PLANNING,
  'POST /v1/plans/:planId/units/:code/retirement': PLANNING,

  // indicators
  'POST /v1/plans/:planId/indicators': PLANNING,
  'GET /v1/plans/:planId/indicators/:code': EVERY_ROLE,
  'PATCH /v1/plans/:planId/indicators/:code': PLANNING,
  'POST /v1/plans/:planId/indicators/:code/retirement': PLANNING,
  'PUT /v1/plans/:planId/indicators/:code/targets/:period': PLANNING,
  'PUT /v1/plans/:planId/indicators/:code/results/:period': REPORTING,
  'POST /v1/plans/:planId/indicators/:code/justifications/:period': REPORTING,
  'GET /v1/plans/:planId/indicators/:code/justifications/:period': EVERY_ROLE,
  'GET /v1/plans/:planId/indicators/:code/events': AUDITING,
  'PUT /v1/plans/:planId/indicators/:code/plausibility-rules': PLANNING,
  'GET /v1/plans/:planId/indicators/:code/plausibility-rules': EVERY_ROLE,

  // sign-off
  'POST /v1/plans/:planId/periods/:period/units/:unit/submission': REPORTING,
  'POST /v1/plans/:planId/periods/:period/units/:unit/approval': PLANNING,
  'POST /v1/plans/:planId/periods/:period/units/:unit/return': PLANNING,
  'POST /v1/plans/:planId/periods/:period/units/:unit/unapproval': PLANNING,
  'POST /v1/plans/:planId/periods/:period/units/:unit/reopening': PLANNING,
  'PUT /v1/plans/:planId/data-entry-window': PLANNING,
  'GET /v1/plans/:planId/periods/:period/approvals': EVERY_ROLE,

  // history and audit
  'GET /v1/plans/:planId/indicators/:code/targets/history': EVERY_ROLE,
  'GET /v1/plans/:planId/indicators/:code/results/history': EVERY_ROLE,
  'GET /v1/plans/:planId/audit': AUDITING,

  // evaluations
  'GET /v1/plans/:planId/evaluations/:period': EVERY_ROLE,
  'GET /v1/plans/:planId/evaluations/:period/summary': EVERY_ROLE,
  'GET /v1/plans/:planId/evaluations/:period/difference': EVERY_ROLE,

  // editions
  'POST /v1/plans/:planId/evaluations/:period/editions': PLANNING,
  'GET /v1/plans/:planId/evaluations/:period/editions': EVERY_ROLE,
  'GET /v1/plans/:planId/evaluations/:period/editions/:edition': EVERY_ROLE,
  'GET /v1/plans/:planId/evaluations/:period/editions/:edition/difference': EVERY_ROLE,

  // reports
  'GET /v1/plans/:planId/evaluations/:period/report': EVERY_ROLE,
  'GET /v1/plans/:planId/evaluations/:period/editions/:edition/report': EVERY_ROLE,
  'POST /v1/plans/:planId/reports/verification': EVERY_ROLE,

  // imports
  'POST /v1/plans/:planId/imports': IMPORTING,
  'GET /v1/plans/:planId/imports/:jobId': IMPORTING,
  // workbooks (a reporter's are kept to its units by the route itself: there is no :code to check here)
  'GET /v1/plans/:planId/template': EVERY_ROLE,
  'GET /v1/plans/:planId/export': EVERY_ROLE,

  // access
  'GET /v1/access/me': EVERY_ROLE,
  // Auditors read who holds which token (never a secret: none is kept), to name who did what.
  'GET /v1/access/tokens': AUDITING,
  'POST /v1/access/tokens': ADMINISTRATION,
  'GET /v1/access/tokens/:tokenId': AUDITING,
  'POST /v1/access/tokens/:tokenId/revocation': ADMINISTRATION,

  // discovery
  'GET /v1/plans': EVERY_ROLE,
  'GET /v1/plans/:planId/indicators': EVERY_ROLE,
  'GET /v1/plans/:planId/periods': EVERY_ROLE,
  'GET /v1/plans/:planId/units': EVERY_ROLE,

  // the web app (services/api/src/web/): each page as the API routes it mirrors
  'GET /': PUBLIC,
  'GET /app/sign-in': PUBLIC,
  'POST /app/sign-in': PUBLIC,
  'GET /app/assets/*': PUBLIC,
  'POST /app/sign-out': EVERY_ROLE,
  'GET /app': EVERY_ROLE,
  'GET /app/plans/:planId/overview': EVERY_ROLE,
  // The raw events on it are shown only to the roles of GET …/events (AUDITING).
  'GET /app/plans/:planId/indicators/:code': EVERY_ROLE,
  // Only lists the reporter's own units to choose from: no unit named yet.
  'GET /app/plans/:planId/entry': { roles: ['admin', 'reporter'] },
  'GET /app/plans/:planId/entry/:unit/:period': REPORTING,
  'POST /app/plans/:planId/entry/:unit/:period': REPORTING,
  'POST /app/plans/:planId/entry/:unit/:period/submission': REPORTING,
  'GET /app/plans/:planId/audit': AUDITING,
  'GET /app/plans/:planId/audit.csv': AUDITING,
  'GET /app/plans/:planId/sign-off': EVERY_ROLE,
  'POST /app/plans/:planId/sign-off/:period/:unit/:transition': PLANNING,
  'GET /app/plans/:planId/editions': EVERY_ROLE,
  'POST /app/plans/:planId/editions/:period': PLANNING,
  'GET /app/plans/:planId/editions/:period/:edition': EVERY_ROLE,
  'GET /app/plans/:planId/downloads/:period/:document': EVERY_ROLE,
  'GET /app/plans/:planId/import': IMPORTING,
  'POST /app/plans/:planId/import': IMPORTING,
};

/** The table's entry for a route, or undefined when it has none. */
export function routeAccessFor(method: string, url: string, table: Readonly<Record<string, RouteAccess>> = ROUTE_ACCESS): RouteAccess | undefined {
  const verb = method === 'HEAD' ? 'GET' : method;
  const exact = table[`${verb} ${url}`];
  if (exact !== undefined) return exact;
  for (const [key, access] of Object.entries(table)) {
    if (!key.endsWith('*')) continue;
    const [keyVerb, prefix = ''] = key.slice(0, -1).split(' ');
    if (keyVerb === verb && url.startsWith(prefix)) return access;
  }
  return undefined;
}

/** For people: "admin, planner", or "anyone (no token)". */
export function describeAccess(access: RouteAccess): string {
  if (access.public === true) return 'anyone (no token)';
  const roles = access.roles.join(', ');
  return access.reporterUnits === true && access.roles.includes('reporter') ? `${roles} (a reporter only for its units and the units below them)` : roles;
}
