import { discoveryFileName, periodsToCsv, type PeriodRow } from '@semaforo/documents';
import { comparePeriods, formatPeriod, PERIODICITIES, periodsOf, type Period, type PlanFacts } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notModifiedSchema } from '../shared/conditional-get.js';
import { planParamsSchema } from '../shared/plan-params.js';
import { answeredAtSchema, DESCRIBE_ANSWER, discoveryQueryShape, planFactsAsOf, sendList } from './discovery-answer.js';

const periodSchema = z.object({
  period: z.string().describe('E.g. `2021-Q2`.'),
  periodicity: z.enum(PERIODICITIES),
  due: z
    .array(z.object({ code: z.string(), reported: z.boolean().describe('A result or an explicit "no data" is recorded for the period.') }))
    .describe('The active indicators of this periodicity, in code order: each needs a result for the period.'),
});

/** The plan's reporting periods, in chronological order, each with the indicators that report for it. */
export const listPeriods: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/periods',
    {
      schema: {
        summary: 'List the periods of a plan and their due indicators',
        description: `Every period of the plan's year of a periodicity some active indicator has, chronologically (a semester before the quarter and the month that end with it), with the indicators due for it and whether each has reported. ${DESCRIBE_ANSWER}`,
        tags: ['discovery'],
        params: planParamsSchema,
        querystring: z.object(discoveryQueryShape),
        response: {
          200: z.object({ ...answeredAtSchema, planId: z.string(), fiscalYear: z.number().int(), periods: z.array(periodSchema) }),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const { facts, position } = await planFactsAsOf(app, planId, request.query.asOf);
      const periods = periodsWithDue(facts);
      return sendList(request, reply, {
        position,
        content: { planId, fiscalYear: facts.plan.fiscalYear, periods },
        csv: (language, version) => periodsToCsv(periods, language, version),
        fileName: (language) => discoveryFileName('periods', planId, language),
      });
    },
  );
};

function periodsWithDue(facts: PlanFacts): PeriodRow[] {
  const active = facts.indicators.filter((indicator) => indicator.status === 'active');
  const periods: Period[] = PERIODICITIES.filter((periodicity) => active.some((i) => i.definition.periodicity === periodicity)).flatMap((periodicity) =>
    periodsOf(facts.plan.fiscalYear, periodicity),
  );
  periods.sort(comparePeriods);
  return periods.map((period) => {
    const id = formatPeriod(period);
    return {
      period: id,
      periodicity: period.periodicity,
      due: active.filter((i) => i.definition.periodicity === period.periodicity).map((i) => ({ code: i.code, reported: i.results[id] !== undefined })),
    };
  });
}
