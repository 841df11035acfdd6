/**
 * THE authorization matrix: every route of the app × every role (and no
 * token) × its own institution or another × (for routes a reporter is
 * limited on) an indicator of the reporter's units or not — each cell an
 * exact status. The policy is written here a second time, on purpose,
 * independently of ROUTE_ACCESS: a wrong entry there fails here.
 *
 * The routes come from the app itself (every route it registered, HEAD
 * included): a route added later without a line in MATRIX or PUBLIC fails
 * this test.
 */
import { ROLES, type Role } from '@semaforo/domain';
import { compareLogPositions, LOG_START } from '@semaforo/event-store';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import { liveProjection, ProjectorError, runProjections } from '@semaforo/projector';
import { allProjections } from '@semaforo/runtime';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import type { InjectOptions } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import tap from 'tap';
import { accessHarness, givenPlanOf, indicatorOf } from '../testing/access-harness.js';
import { tokenFor, type TestToken } from '../testing/auth.js';

type Request = InjectOptions & { method: NonNullable<InjectOptions['method']>; url: string };

/** Where one request of the matrix points. */
interface Cell {
  readonly institutionId: string;
  readonly planId: string;
  /** An indicator of the reporter's units (IN-CONT) or not (OUT-DSP). */
  readonly code: string;
  /** Unique per request of a route: new codes, new years, new values. */
  readonly n: number;
  /** An admin of `institutionId`. */
  readonly admin: TestToken;
  /** Sends a request as that admin, to prepare what the request under test needs (an indicator to retire, a token to revoke). */
  readonly prepare: (request: Request) => Promise<{ json(): { tokenId: string } }>;
}

interface RouteCase {
  /** Who may: the policy under test. */
  readonly allowed: readonly Role[];
  /** A reporter only for indicators of its units. */
  readonly reporterUnits?: true;
  /**
   * How a request names an institution: in the plan id of its URL, in its
   * body, or not at all (the token's own institution is implied).
   */
  readonly tenancy: 'plan' | 'body' | 'own';
  readonly request: (cell: Cell) => Request | Promise<Request>;
  /** The status of a request that is let through. */
  readonly succeeds: number;
}

const EVERYONE = ROLES;
const PLANNING: readonly Role[] = ['admin', 'planner'];
const REPORTING: readonly Role[] = ['admin', 'reporter'];
const AUDITING: readonly Role[] = ['admin', 'auditor'];
const IMPORTING: readonly Role[] = ['admin', 'planner', 'reporter'];

/** One import job per plan (a dry run of more rows than a request takes), made once by its admin. */
const importJobs = new Map<string, Promise<string>>();
const importJobOf = (cell: Cell): Promise<string> => {
  let job = importJobs.get(cell.planId);
  if (job === undefined) {
    const lines = ['Código;Período;Resultado'];
    for (let i = 0; i < 2_001; i++) lines.push(`IN-CONT;2021-M${String((i % 12) + 1).padStart(2, '0')};${i}`);
    job = cell
      .prepare({ method: 'POST', url: `${plan(cell)}/imports?dryRun=true`, headers: { 'content-type': 'text/csv' }, payload: lines.join('\r\n') })
      .then((response) => (response as unknown as { headers: Record<string, string> }).headers['location']!.split('/').at(-1)!);
    importJobs.set(cell.planId, job);
  }
  return job;
};

const plan = (cell: Cell) => `/v1/plans/${cell.planId}`;
const indicator = (cell: Cell) => `${plan(cell)}/indicators/${cell.code}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const month = (cell: Cell) => `2021-M${String((cell.n % 12) + 1).padStart(2, '0')}`;

/** Edition 1 of a year's evaluation, published once for every request that reads it (a period is published once while nothing changes). */
const published = new Map<string, Promise<unknown>>();
const publishedEdition = async (cell: Cell): Promise<string> => {
  const url = `${plan(cell)}/evaluations/2021/editions`;
  if (!published.has(url)) published.set(url, cell.prepare({ method: 'POST', url, payload: { allowUnapprovedUnits: true } }));
  await published.get(url);
  return `${url}/1`;
};

/**
 * A unit of its own for one sign-off request (no indicator, so its approval
 * locks nothing another route writes): below CONT, within the reporter's
 * units, for the own-unit cells; below DSP for the others.
 */
const aUnit = async (cell: Cell, route: string): Promise<string> => {
  const code = `SO-${route}-${cell.n}`;
  await cell.prepare({
    method: 'POST',
    url: `${plan(cell)}/units`,
    payload: { code, name: `Unidad ${code}`, parentCode: cell.code === 'IN-CONT' ? 'CONT' : 'DSP', areaClass: 'administrative' },
  });
  return code;
};

/** Such a unit, taken through `steps` for 2021-Q4 by the admin: the URL of its unit-period. */
const signedOff = async (cell: Cell, route: string, steps: readonly string[]): Promise<string> => {
  const url = `${plan(cell)}/periods/2021-Q4/units/${await aUnit(cell, route)}`;
  for (const step of steps) await cell.prepare({ method: 'POST', url: `${url}/${step}`, payload: {} });
  return url;
};

const MATRIX: Readonly<Record<string, RouteCase>> = {
  'POST /v1/plans': {
    allowed: PLANNING,
    tenancy: 'body',
    succeeds: 201,
    request: (cell) => ({
      method: 'POST',
      url: '/v1/plans',
      payload: { institutionId: cell.institutionId, fiscalYear: 2030 + cell.n, name: 'PAT', perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] },
    }),
  },
  'GET /v1/plans/:planId': { allowed: EVERYONE, tenancy: 'plan', succeeds: 200, request: (cell) => ({ method: 'GET', url: plan(cell) }) },
  'GET /v1/plans/:planId/events': { allowed: AUDITING, tenancy: 'plan', succeeds: 200, request: (cell) => ({ method: 'GET', url: `${plan(cell)}/events` }) },
  'POST /v1/plans/:planId/perspectives': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 201,
    request: (cell) => ({ method: 'POST', url: `${plan(cell)}/perspectives`, payload: { code: `p${cell.n}`, name: `Perspectiva ${cell.n}` } }),
  },
  'GET /v1/plans/:planId/perspectives/:code': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/perspectives/usuarios` }),
  },
  'PATCH /v1/plans/:planId/perspectives/:code': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({
      method: 'PATCH',
      url: `${plan(cell)}/perspectives/usuarios`,
      payload: { name: `Persona Usuaria ${cell.n}`, reason: 'Nuevo nombre' },
    }),
  },
  'POST /v1/plans/:planId/perspectives/:code/retirement': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    // Retiring is once per perspective: each request retires one of its own.
    request: async (cell) => {
      const code = `ret-${cell.n}`;
      await cell.prepare({ method: 'POST', url: `${plan(cell)}/perspectives`, payload: { code, name: `Perspectiva ${cell.n}` } });
      return { method: 'POST', url: `${plan(cell)}/perspectives/${code}/retirement`, payload: { reason: 'Fusionada' } };
    },
  },
  'PUT /v1/plans/:planId/evaluation-scale': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({
      method: 'PUT',
      url: `${plan(cell)}/evaluation-scale`,
      payload: { evaluationScale: { criticalBelow: '80', goodAbove: `${90 + (cell.n % 9)}` } },
    }),
  },
  'PUT /v1/plans/:planId/number-format': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({
      method: 'PUT',
      url: `${plan(cell)}/number-format`,
      payload: {
        numberFormat: { decimalSeparator: ',', thousandsSeparator: cell.n % 2 === 0 ? '.' : ' ', percentStyle: 'spaced', currencySymbol: '$' },
      },
    }),
  },
  'POST /v1/plans/:planId/units': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 201,
    request: (cell) => ({
      method: 'POST',
      url: `${plan(cell)}/units`,
      payload: { code: `U${cell.n}`, name: `Unidad ${cell.n}`, parentCode: 'DSP', areaClass: 'health' },
    }),
  },
  'GET /v1/plans/:planId/units/:code': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/units/DSP` }),
  },
  'PATCH /v1/plans/:planId/units/:code': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'PATCH', url: `${plan(cell)}/units/DSP`, payload: { name: `Pensiones ${cell.n}`, reason: 'Nuevo nombre' } }),
  },
  'POST /v1/plans/:planId/units/:code/retirement': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    // Retiring is once per unit: each request retires one of its own.
    request: async (cell) => {
      const code = `RET-${cell.n}`;
      await cell.prepare({ method: 'POST', url: `${plan(cell)}/units`, payload: { code, name: `Unidad ${cell.n}`, parentCode: 'DSP', areaClass: 'health' } });
      return { method: 'POST', url: `${plan(cell)}/units/${code}/retirement`, payload: { reason: 'Suprimida' } };
    },
  },
  'POST /v1/plans/:planId/indicators': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 201,
    request: (cell) => ({ method: 'POST', url: `${plan(cell)}/indicators`, payload: indicatorOf(`NEW-${cell.n}`, 'DSP') }),
  },
  'GET /v1/plans/:planId/indicators/:code': { allowed: EVERYONE, tenancy: 'plan', succeeds: 200, request: (cell) => ({ method: 'GET', url: indicator(cell) }) },
  'PATCH /v1/plans/:planId/indicators/:code': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'PATCH', url: indicator(cell), payload: { changes: { name: `Nombre ${cell.n}` } } }),
  },
  'POST /v1/plans/:planId/indicators/:code/retirement': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    // Retiring is once per indicator: each request retires one of its own.
    request: async (cell) => {
      const code = `RET-${cell.n}`;
      await cell.prepare({ method: 'POST', url: `${plan(cell)}/indicators`, payload: indicatorOf(code, 'CONT') });
      return { method: 'POST', url: `${plan(cell)}/indicators/${code}/retirement`, payload: { reason: 'Fuera del catálogo' } };
    },
  },
  'PUT /v1/plans/:planId/indicators/:code/targets/:period': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'PUT', url: `${indicator(cell)}/targets/${month(cell)}`, payload: { value: `${100 + cell.n}`, reason: 'Reprogramación' } }),
  },
  'PUT /v1/plans/:planId/indicators/:code/results/:period': {
    allowed: REPORTING,
    reporterUnits: true,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'PUT', url: `${indicator(cell)}/results/${month(cell)}`, payload: { value: `${cell.n}`, reason: 'Corrección' } }),
  },
  'POST /v1/plans/:planId/indicators/:code/justifications/:period': {
    allowed: REPORTING,
    reporterUnits: true,
    tenancy: 'plan',
    succeeds: 201,
    request: (cell) => ({ method: 'POST', url: `${indicator(cell)}/justifications/${month(cell)}`, payload: { text: `Justificación ${cell.n}` } }),
  },
  'PUT /v1/plans/:planId/indicators/:code/plausibility-rules': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'PUT', url: `${indicator(cell)}/plausibility-rules`, payload: { maximum: { value: `${1000 + cell.n}`, level: 'warn' } } }),
  },
  'GET /v1/plans/:planId/indicators/:code/plausibility-rules': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${indicator(cell)}/plausibility-rules` }),
  },
  'GET /v1/plans/:planId/indicators/:code/justifications/:period': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${indicator(cell)}/justifications/2021-M01` }),
  },
  'POST /v1/plans/:planId/imports': {
    allowed: IMPORTING,
    tenancy: 'plan',
    succeeds: 200,
    // Results of IN-CONT, which every importing role may write (a reporter's unit is judged row by row: imports.test.ts).
    request: (cell) => ({
      method: 'POST',
      url: `${plan(cell)}/imports`,
      headers: { 'content-type': 'text/csv' },
      payload: `Código;Período;Resultado\r\nIN-CONT;${month(cell)};${cell.n}\r\n`,
    }),
  },
  'GET /v1/plans/:planId/imports/:jobId': {
    allowed: IMPORTING,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({ method: 'GET', url: `${plan(cell)}/imports/${await importJobOf(cell)}` }),
  },
  'GET /v1/plans/:planId/indicators/:code/events': {
    allowed: AUDITING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${indicator(cell)}/events` }),
  },
  'GET /v1/plans/:planId/indicators/:code/targets/history': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${indicator(cell)}/targets/history` }),
  },
  'GET /v1/plans/:planId/indicators/:code/results/history': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${indicator(cell)}/results/history` }),
  },
  'GET /v1/plans/:planId/audit': { allowed: AUDITING, tenancy: 'plan', succeeds: 200, request: (cell) => ({ method: 'GET', url: `${plan(cell)}/audit` }) },
  'GET /v1/plans': { allowed: EVERYONE, tenancy: 'own', succeeds: 200, request: () => ({ method: 'GET', url: '/v1/plans' }) },
  'GET /v1/plans/:planId/indicators': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/indicators` }),
  },
  'GET /v1/plans/:planId/periods': { allowed: EVERYONE, tenancy: 'plan', succeeds: 200, request: (cell) => ({ method: 'GET', url: `${plan(cell)}/periods` }) },
  'GET /v1/plans/:planId/units': { allowed: EVERYONE, tenancy: 'plan', succeeds: 200, request: (cell) => ({ method: 'GET', url: `${plan(cell)}/units` }) },
  'GET /v1/plans/:planId/evaluations/:period': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/evaluations/2021-Q1` }),
  },
  'GET /v1/plans/:planId/evaluations/:period/summary': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/evaluations/2021-Q1/summary` }),
  },
  'GET /v1/plans/:planId/evaluations/:period/difference': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/evaluations/2021-Q1/difference?from=now` }),
  },
  'POST /v1/plans/:planId/evaluations/:period/editions': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 201,
    // A period's evaluation is published once while nothing changes: each request publishes a month of its own.
    request: (cell) => ({ method: 'POST', url: `${plan(cell)}/evaluations/${month(cell)}/editions`, payload: { allowUnapprovedUnits: true } }),
  },
  'GET /v1/plans/:planId/evaluations/:period/editions': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/evaluations/2021-Q1/editions` }),
  },
  'GET /v1/plans/:planId/evaluations/:period/editions/:edition': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({ method: 'GET', url: `${await publishedEdition(cell)}` }),
  },
  'GET /v1/plans/:planId/evaluations/:period/editions/:edition/difference': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({ method: 'GET', url: `${await publishedEdition(cell)}/difference?against=1` }),
  },
  'GET /v1/plans/:planId/evaluations/:period/report': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/evaluations/2021-Q1/report` }),
  },
  'GET /v1/plans/:planId/evaluations/:period/editions/:edition/report': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({ method: 'GET', url: `${await publishedEdition(cell)}/report` }),
  },
  'POST /v1/plans/:planId/reports/verification': {
    allowed: EVERYONE,
    tenancy: 'plan',
    // Let through, a file that is no report is refused for what it is.
    succeeds: 422,
    request: (cell) => ({
      method: 'POST',
      url: `${plan(cell)}/reports/verification`,
      headers: { 'content-type': 'text/html' },
      payload: '<html>not a report</html>',
    }),
  },
  'POST /v1/plans/:planId/periods/:period/units/:unit/submission': {
    allowed: REPORTING,
    reporterUnits: true,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({ method: 'POST', url: `${plan(cell)}/periods/2021-Q4/units/${await aUnit(cell, 'sub')}/submission`, payload: {} }),
  },
  'POST /v1/plans/:planId/periods/:period/units/:unit/approval': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({ method: 'POST', url: `${await signedOff(cell, 'app', ['submission'])}/approval`, payload: { comment: 'Conforme' } }),
  },
  'POST /v1/plans/:planId/periods/:period/units/:unit/return': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({ method: 'POST', url: `${await signedOff(cell, 'ret', ['submission'])}/return`, payload: { comment: 'Falta un dato' } }),
  },
  'POST /v1/plans/:planId/periods/:period/units/:unit/unapproval': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({
      method: 'POST',
      url: `${await signedOff(cell, 'una', ['submission', 'approval'])}/unapproval`,
      payload: { reason: 'Revisión' },
    }),
  },
  'POST /v1/plans/:planId/periods/:period/units/:unit/reopening': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => ({
      method: 'POST',
      url: `${await signedOff(cell, 'reo', ['submission', 'approval'])}/reopening`,
      payload: { reason: 'Corrección' },
    }),
  },
  'PUT /v1/plans/:planId/data-entry-window': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 200,
    // Annual: no indicator of the plan is annual, so no other route's write is ever refused by it.
    request: (cell) => ({ method: 'PUT', url: `${plan(cell)}/data-entry-window`, payload: { periodicity: 'annual', days: cell.n } }),
  },
  'GET /v1/plans/:planId/periods/:period/approvals': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/periods/2021-Q4/approvals` }),
  },
  // A reporter passes, and gets the workbook of its own units (the route's own test checks which).
  'GET /v1/plans/:planId/template': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/template` }),
  },
  'GET /v1/plans/:planId/export': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `${plan(cell)}/export?format=csv&sheet=Metas` }),
  },
  'GET /v1/access/me': { allowed: EVERYONE, tenancy: 'own', succeeds: 200, request: () => ({ method: 'GET', url: '/v1/access/me' }) },
  'GET /v1/access/tokens': { allowed: AUDITING, tenancy: 'own', succeeds: 200, request: () => ({ method: 'GET', url: '/v1/access/tokens' }) },
  'POST /v1/access/tokens': {
    allowed: ['admin'],
    tenancy: 'own',
    succeeds: 201,
    request: (cell) => ({ method: 'POST', url: '/v1/access/tokens', payload: { role: 'auditor', label: `Auditor ${cell.n}` } }),
  },
  'GET /v1/access/tokens/:tokenId': {
    allowed: AUDITING,
    tenancy: 'own',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/v1/access/tokens/${cell.admin.tokenId}` }),
  },
  'POST /v1/access/tokens/:tokenId/revocation': {
    allowed: ['admin'],
    tenancy: 'own',
    succeeds: 200,
    // Revoking is once per token: each request revokes one of its own.
    request: async (cell) => {
      const issued = await cell.prepare({ method: 'POST', url: '/v1/access/tokens', payload: { role: 'planner', label: `Para revocar ${cell.n}` } });
      return { method: 'POST', url: `/v1/access/tokens/${issued.json().tokenId}/revocation`, payload: { reason: 'Rotación' } };
    },
  },

  // the web app: each page as the API route it mirrors
  'GET /app': { allowed: EVERYONE, tenancy: 'own', succeeds: 200, request: () => ({ method: 'GET', url: '/app' }) },
  'POST /app/sign-out': { allowed: EVERYONE, tenancy: 'own', succeeds: 303, request: () => ({ method: 'POST', url: '/app/sign-out' }) },
  'GET /app/plans/:planId/overview': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/overview?period=2021-Q1` }),
  },
  'GET /app/plans/:planId/indicators/:code': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/indicators/${cell.code}` }),
  },
  'GET /app/plans/:planId/entry': {
    allowed: REPORTING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/entry` }),
  },
  'GET /app/plans/:planId/entry/:unit/:period': {
    allowed: REPORTING,
    reporterUnits: true,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/entry/${cell.code === 'IN-CONT' ? 'CONT' : 'DSP'}/${month(cell)}` }),
  },
  'POST /app/plans/:planId/entry/:unit/:period': {
    allowed: REPORTING,
    reporterUnits: true,
    tenancy: 'plan',
    // Nothing typed: nothing to save, back to the form (a bearer request needs no CSRF token: no browser sends it by itself).
    succeeds: 303,
    request: (cell) => ({ method: 'POST', url: `/app/plans/${cell.planId}/entry/${cell.code === 'IN-CONT' ? 'CONT' : 'DSP'}/${month(cell)}` }),
  },
  'POST /app/plans/:planId/entry/:unit/:period/submission': {
    allowed: REPORTING,
    reporterUnits: true,
    tenancy: 'plan',
    // SubmitUnitPeriod, then back to the form; submitting again changes nothing.
    succeeds: 303,
    request: (cell) => ({ method: 'POST', url: `/app/plans/${cell.planId}/entry/${cell.code === 'IN-CONT' ? 'CONT' : 'DSP'}/${month(cell)}/submission` }),
  },
  'GET /app/plans/:planId/audit': {
    allowed: AUDITING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/audit` }),
  },
  'GET /app/plans/:planId/audit.csv': {
    allowed: AUDITING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/audit.csv` }),
  },
  'GET /app/plans/:planId/sign-off': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/sign-off?period=2021-Q4` }),
  },
  'POST /app/plans/:planId/sign-off/:period/:unit/:transition': {
    allowed: PLANNING,
    tenancy: 'plan',
    // ReopenUnitPeriod of a unit of its own, then back to the board.
    succeeds: 303,
    request: async (cell) => ({
      method: 'POST',
      url: `/app/plans/${cell.planId}/sign-off/2021-Q4/${await aUnit(cell, 'web')}/reopening`,
      headers: FORM,
      payload: 'reason=Excepci%C3%B3n',
    }),
  },
  'GET /app/plans/:planId/editions': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/editions?period=2021-Q1` }),
  },
  'POST /app/plans/:planId/editions/:period': {
    allowed: PLANNING,
    tenancy: 'plan',
    succeeds: 303,
    // A quarter no other route publishes; with a reason, in case the cell's quarter was published before (a restatement).
    request: (cell) => ({
      method: 'POST',
      url: `/app/plans/${cell.planId}/editions/2021-Q${(cell.n % 4) + 1}`,
      headers: FORM,
      payload: `allowUnapprovedUnits=on&reason=Matriz+${cell.n}`,
    }),
  },
  'GET /app/plans/:planId/editions/:period/:edition': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: async (cell) => {
      await publishedEdition(cell);
      return { method: 'GET', url: `/app/plans/${cell.planId}/editions/2021/1` };
    },
  },
  'GET /app/plans/:planId/downloads/:period/:document': {
    allowed: EVERYONE,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/downloads/2021-Q1/report` }),
  },
  'GET /app/plans/:planId/import': {
    allowed: IMPORTING,
    tenancy: 'plan',
    succeeds: 200,
    request: (cell) => ({ method: 'GET', url: `/app/plans/${cell.planId}/import` }),
  },
  'POST /app/plans/:planId/import': {
    allowed: IMPORTING,
    tenancy: 'plan',
    // A dry run of a file without rows: nothing is written, the summary is shown.
    succeeds: 200,
    request: (cell) => ({
      method: 'POST',
      url: `/app/plans/${cell.planId}/import`,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\n\r\nC\u00f3digo,Per\u00edodo,Resultado\r\n\r\n--b--\r\n',
    }),
  },
};

/** Open to anyone: a concrete URL for each, and what it answers. */
const PUBLIC: Readonly<Record<string, { readonly url: string; readonly succeeds: number }>> = {
  'GET /health': { url: '/health', succeeds: 200 },
  'GET /ready': { url: '/ready', succeeds: 200 },
  // No METRICS_TOKEN in this app: the route says metrics are off (metrics.test.ts reads them).
  'GET /metrics': { url: '/metrics', succeeds: 404 },
  'GET /openapi.json': { url: '/openapi.json', succeeds: 200 },
  'GET /docs': { url: '/docs', succeeds: 200 },
  'GET /docs/': { url: '/docs/', succeeds: 200 },
  'GET /docs/json': { url: '/docs/json', succeeds: 200 },
  'GET /docs/yaml': { url: '/docs/yaml', succeeds: 200 },
  'GET /docs/static/index.html': { url: '/docs/static/index.html', succeeds: 302 },
  'GET /docs/static/swagger-initializer.js': { url: '/docs/static/swagger-initializer.js', succeeds: 200 },
  'GET /docs/static/*': { url: '/docs/static/swagger-ui.css', succeeds: 200 },
  'GET /': { url: '/', succeeds: 302 },
  'GET /app/sign-in': { url: '/app/sign-in', succeeds: 200 },
  // Answered by the GET of the same URL here: the POST itself is the sign-in, tested in web/web-app.test.ts.
  'POST /app/sign-in': { url: '/app/sign-in', succeeds: 200 },
  'GET /app/assets/style.css': { url: '/app/assets/style.css', succeeds: 200 },
};

type Who = Role | 'anonymous';

/** The policy, cell by cell. */
function expectedStatus(route: RouteCase, who: Who, institution: 'own' | 'other', unit: 'own' | 'other'): number {
  if (who === 'anonymous') return 401;
  if (institution === 'other') return 404;
  if (!route.allowed.includes(who)) return 403;
  if (route.reporterUnits === true && who === 'reporter' && unit === 'other') return 403;
  return route.succeeds;
}

const { app, store, sql } = await accessHarness(tap, { readModels: true });
const prepareAs = (admin: TestToken) => async (request: Request) => {
  const response = await app.inject({ ...request, headers: { ...(request.headers ?? {}), ...admin.headers } });
  if (response.statusCode >= 300) throw new Error(`preparing ${request.method} ${request.url} failed: ${response.statusCode} ${response.body}`);
  return response;
};

// Two institutions with the same plan: a reporter of DNGF reports for IN-CONT (unit CONT, below DNGF), not for OUT-DSP.
const OWN = 'upisss';
const OTHER = 'isss';
const admins = { [OWN]: await tokenFor(app, OWN, 'admin'), [OTHER]: await tokenFor(app, OTHER, 'admin') };
const planIds = { [OWN]: await givenPlanOf(app, OWN, admins[OWN].headers), [OTHER]: await givenPlanOf(app, OTHER, admins[OTHER].headers) };
const tokens = new Map<Role, TestToken>();
for (const role of ROLES) tokens.set(role, await tokenFor(app, OWN, role, role === 'reporter' ? { units: ['DNGF'] } : {}));

// The read routes answer from projections: run them, as the API does, and wait until they caught up.
// (The evaluation facts are named too, in case the shared list does not have them yet.)
const projections = [...allProjections, ...(allProjections.some((p) => p.name === evaluationFactsProjection.name) ? [] : [evaluationFactsProjection])];
const stopProjector = new AbortController();
const projector = runProjections({ store, sql, projections, clock: () => new Date(), signal: stopProjector.signal });
tap.teardown(async () => {
  stopProjector.abort();
  await projector;
});
const db: AnyKysely = createKysely(sql);
const head = (await store.latestPosition()) ?? LOG_START;
for (const projection of projections) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (compareLogPositions((await liveProjection(db, projection.name)).checkpoint, head) >= 0) break;
    } catch (error) {
      if (!(error instanceof ProjectorError && error.code === 'PROJECTION_NOT_LIVE')) throw error;
    }
    // A wait for the projector, not a timed assertion: it gives up only when the projector is clearly stuck.
    if (attempt > 3_000) throw new Error(`${projection.name} did not catch up with the log`);
    await sleep(10);
  }
}

tap.test('every route the app registered has its line in the matrix, and its access rule', async (t) => {
  const catalog = app.routeCatalog();
  t.ok(catalog.length > 40, `the app registered ${catalog.length} routes`);
  for (const { method, url, access } of catalog) {
    const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
    t.ok(MATRIX[key] !== undefined || PUBLIC[key] !== undefined, `${key} has a line in the authorization matrix`);
    t.ok(access !== undefined, `${key} has an entry in ROUTE_ACCESS`);
    if (PUBLIC[key] !== undefined) t.equal(access?.public, true, `${key} is open to anyone`);
  }
});

tap.test('the matrix, cell by cell', async (t) => {
  const counters = new Map<string, number>();
  const keyOf = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`;
  const routes = app.routeCatalog().filter(({ method, url }) => MATRIX[keyOf(method, url)] !== undefined);

  for (const { method, url } of routes) {
    const route = MATRIX[keyOf(method, url)]!;
    const institutions: ReadonlyArray<'own' | 'other'> = route.tenancy === 'own' ? ['own'] : ['own', 'other'];
    const units: ReadonlyArray<'own' | 'other'> = route.reporterUnits === true ? ['own', 'other'] : ['own'];
    const cells: Array<{ who: Who; institution: 'own' | 'other'; unit: 'own' | 'other' }> = [{ who: 'anonymous', institution: 'own', unit: 'own' }];
    for (const who of ROLES) for (const institution of institutions) for (const unit of units) cells.push({ who, institution, unit });

    t.test(`${method} ${url}`, async (t) => {
      for (const { who, institution, unit } of cells) {
        const n = (counters.get(url) ?? 0) + 1;
        counters.set(url, n);
        const institutionId = institution === 'own' ? OWN : OTHER;
        const admin = admins[institutionId];
        const cell: Cell = {
          institutionId,
          planId: planIds[institutionId],
          code: unit === 'own' ? 'IN-CONT' : 'OUT-DSP',
          n,
          admin,
          prepare: prepareAs(admin),
        };
        const request = await route.request(cell);
        const headers = who === 'anonymous' ? {} : tokens.get(who)!.headers;
        // HEAD runs the GET route's handler: the same request, the same status, no body.
        const response = await app.inject({ ...request, method: method === 'HEAD' ? 'HEAD' : request.method, headers: { ...request.headers, ...headers } });
        const expected = expectedStatus(route, who, institution, unit);
        t.equal(response.statusCode, expected, `${who}, ${institution} institution${route.reporterUnits ? `, ${unit} unit` : ''}: ${expected}`);
        if (expected !== response.statusCode && method !== 'HEAD') t.comment(response.body);
      }
    });
  }
});

tap.test('the open routes answer without a token, and with a bad one all the same', async (t) => {
  for (const [key, { url, succeeds }] of Object.entries(PUBLIC)) {
    t.equal((await app.inject({ method: 'GET', url })).statusCode, succeeds, `${key}, no token`);
    t.equal(
      (await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer smf_nobody.0000000000000000.x' } })).statusCode,
      succeeds,
      `${key}, bad token`,
    );
  }
});

tap.test("another institution's plan is not found exactly as a plan that does not exist: nothing tells them apart", async (t) => {
  const reporter = tokens.get('reporter')!;
  const samples = ['', '/events', '/indicators/IN-CONT', '/indicators/IN-CONT/results/history', '/audit', '/evaluations/2021-Q1'];
  for (const suffix of samples) {
    const existing = await app.inject({ method: 'GET', url: `/v1/plans/${planIds[OTHER]}${suffix}`, headers: reporter.headers });
    const missing = await app.inject({ method: 'GET', url: `/v1/plans/nadie-2021${suffix}`, headers: reporter.headers });
    const own = await app.inject({ method: 'GET', url: `/v1/plans/${OWN}-2031${suffix}`, headers: admins[OWN].headers });
    const normalize = (body: string, planId: string) => body.replaceAll(planId, '<plan>');
    t.equal(existing.statusCode, 404, `${suffix || '/'}: 404`);
    t.equal(
      normalize(existing.body, planIds[OTHER]),
      normalize(missing.body, 'nadie-2021'),
      `${suffix || '/'}: an existing plan of another institution reads as a missing one`,
    );
    if (suffix === '' || suffix === '/indicators/IN-CONT') {
      t.equal(normalize(existing.body, planIds[OTHER]), normalize(own.body, `${OWN}-2031`), `${suffix || '/'}: and as a missing plan of one's own`);
    }
  }
});
