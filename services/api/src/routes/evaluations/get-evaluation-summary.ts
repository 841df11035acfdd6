import { summaryToCsv } from '@semaforo/documents';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerEvaluation, describeAnswer } from './answer-evaluation.js';
import { evaluationParamsSchema, evaluationQuerySchema, summaryResponseSchema } from './evaluation-schemas.js';

export const getEvaluationSummary: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period/summary',
    {
      schema: {
        summary: 'Summaries of an evaluation',
        description:
          'For the plan, per perspective, per unit (rolled up the hierarchy) and per kind: planned, due, evaluated, good / ' +
          'regular / critical counts and shares; then the closing table *Tipo de indicador | Medidos | Alcanzó meta | % ' +
          `Criterio bueno*. ${describeAnswer}`,
        tags: ['evaluations'],
        params: evaluationParamsSchema,
        querystring: evaluationQuerySchema,
        response: {
          200: {
            description: 'The summaries (JSON), or two CSV tables separated by an empty line: the counts, then the closing table.',
            content: {
              'application/json': { schema: summaryResponseSchema },
              'text/csv': { schema: z.string() },
            },
          },
          ...problemResponses(400, 404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const answer = await answerEvaluation(app, request, reply, 'summary');
      if (answer.csv !== null) return reply.send(summaryToCsv(answer.evaluation, answer.csv.language, answer.csv.version));
      const { planId, planName, fiscalYear, reportingPeriod, summary, closingTable } = answer.evaluation;
      return reply.send({ ...answer.answeredAt, planId, planName, fiscalYear, reportingPeriod, summary, closingTable });
    },
  );
};
