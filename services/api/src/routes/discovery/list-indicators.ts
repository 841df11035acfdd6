import { discoveryFileName, indicatorsToCsv, type IndicatorRow } from '@semaforo/documents';
import {
  ACCUMULATIONS,
  EVALUATION_STATUSES,
  evaluatePlan,
  INDICATOR_KINDS,
  MEASURES,
  normalizeWord,
  PERIODICITIES,
  periodIdSchema,
  POLARITIES,
  codeSchema,
  type EvaluationStatus,
  type PlanFacts,
} from '@semaforo/domain';
import { HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notModifiedSchema } from '../shared/conditional-get.js';
import { planParamsSchema } from '../shared/plan-params.js';
import { answeredAtSchema, DESCRIBE_ANSWER, discoveryQueryShape, planFactsAsOf, sendList } from './discovery-answer.js';
import { decodeListCursor, encodeListCursor } from './list-cursor.js';
import { unitSubtree } from './unit-tree.js';

const DEFAULT_LIMIT = 100;

const querySchema = z.object({
  ...discoveryQueryShape,
  perspective: codeSchema.optional().describe('Only indicators of this perspective.'),
  unit: codeSchema.optional().describe('Only indicators of this unit and of the units below it.'),
  kind: z.enum(INDICATOR_KINDS).optional().describe('`result` or `production` (also `resultado`, `producción`).'),
  periodicity: z.enum(PERIODICITIES).optional().describe('E.g. `quarterly` (also `Trimestral`).'),
  period: periodIdSchema.optional().describe('A reporting period (e.g. `2021-Q2`): each indicator then carries its `evaluation` status for it.'),
  status: z.enum(EVALUATION_STATUSES).optional().describe('Only indicators with this traffic light in `period` (required with it).'),
  q: z.string().max(200).optional().describe('Text in the code or the name (case and accents ignored).'),
  retired: z.enum(['include', 'exclude', 'only']).optional().describe('Retired indicators: `include` (default), `exclude` or `only`.'),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe(`Indicators per page (JSON), default ${DEFAULT_LIMIT}. CSV lists every match.`),
  cursor: z.string().max(500).optional().describe('`nextCursor` of the previous page, unchanged: the walk stays at the first page’s position.'),
});

const indicatorListingSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  perspective: z.string(),
  unit: z.string(),
  measure: z.enum(MEASURES),
  periodicity: z.enum(PERIODICITIES),
  polarity: z.enum(POLARITIES),
  accumulation: z.enum(ACCUMULATIONS),
  status: z.enum(['active', 'retired']),
  evaluation: z
    .object({ period: z.string(), status: z.enum(EVALUATION_STATUSES) })
    .optional()
    .describe('With `period`: its traffic light then.'),
  url: z.string(),
});

/** The indicators of a plan, filtered and paginated, in code order. */
export const listIndicators: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/indicators',
    {
      schema: {
        summary: 'List the indicators of a plan',
        description: `Filters combine (and): perspective, unit (with the units below it), kind, periodicity, traffic light in a period, text. Paginated by cursor, in code order. ${DESCRIBE_ANSWER}`,
        tags: ['discovery'],
        params: planParamsSchema,
        querystring: querySchema,
        response: {
          200: z.object({
            ...answeredAtSchema,
            planId: z.string(),
            total: z.number().int().describe('How many indicators match, on every page.'),
            indicators: z.array(indicatorListingSchema),
            nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last.'),
          }),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const { cursor, limit = DEFAULT_LIMIT, status, period } = request.query;
      if (status !== undefined && period === undefined) {
        throw new HttpProblem(400, 'PERIOD_REQUIRED', 'A traffic-light filter (`status`) needs the `period` it is for, e.g. `period=2021-Q2`.');
      }
      const resumed = cursor === undefined ? undefined : decodeListCursor(cursor);
      const { facts, position } = await planFactsAsOf(app, planId, resumed?.position ?? request.query.asOf);
      const matching = matchingIndicators(facts, request.query);
      const rest = resumed === undefined ? matching : matching.filter((row) => row.code > resumed.after);
      const page = rest.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor = rest.length > limit && last !== undefined ? encodeListCursor({ position, after: last.code }) : null;
      return sendList(request, reply, {
        position,
        content: {
          planId,
          total: matching.length,
          indicators: page.map((row) => ({ ...row, url: `/v1/plans/${planId}/indicators/${encodeURIComponent(row.code)}` })),
          nextCursor,
        },
        csv: (language, version) => indicatorsToCsv(matching, language, version),
        fileName: (language) => discoveryFileName('indicators', planId, language),
      });
    },
  );
};

type Listed = IndicatorRow & { readonly evaluation?: { readonly period: string; readonly status: EvaluationStatus } };

function matchingIndicators(facts: PlanFacts, query: z.infer<typeof querySchema>): Listed[] {
  const units = query.unit === undefined ? undefined : new Set(unitSubtree(facts.plan.units, query.unit));
  if (units !== undefined && units.size === 0) {
    throw new HttpProblem(404, 'UNIT_NOT_FOUND', `The plan ${facts.plan.planId} has no unit ${query.unit}.`, {
      details: { planId: facts.plan.planId, code: query.unit },
    });
  }
  const statuses = query.period === undefined ? undefined : new Map(evaluatePlan(facts, query.period).indicators.map((i) => [i.code, i.status]));
  const text = query.q === undefined ? undefined : normalizeWord(query.q);
  const rows: Listed[] = [];
  for (const indicator of facts.indicators) {
    const d = indicator.definition;
    if (query.perspective !== undefined && d.perspective !== query.perspective) continue;
    if (units !== undefined && !units.has(d.unit)) continue;
    if (query.kind !== undefined && d.kind !== query.kind) continue;
    if (query.periodicity !== undefined && d.periodicity !== query.periodicity) continue;
    if (query.retired === 'exclude' && indicator.status === 'retired') continue;
    if (query.retired === 'only' && indicator.status !== 'retired') continue;
    if (text !== undefined && !normalizeWord(indicator.code).includes(text) && !normalizeWord(d.name).includes(text)) continue;
    const inPeriod = statuses?.get(indicator.code);
    if (query.status !== undefined && inPeriod !== query.status) continue;
    rows.push({
      code: indicator.code,
      name: d.name,
      kind: d.kind,
      perspective: d.perspective,
      unit: d.unit,
      measure: d.measure,
      periodicity: d.periodicity,
      polarity: d.polarity,
      accumulation: d.accumulation,
      status: indicator.status,
      ...(inPeriod === undefined || query.period === undefined ? {} : { evaluation: { period: query.period, status: inPeriod } }),
    });
  }
  return rows;
}
