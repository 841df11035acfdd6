import { evaluationToCsv } from '@semaforo/documents';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerEvaluation, describeAnswer } from './answer-evaluation.js';
import { evaluationParamsSchema, evaluationQuerySchema, evaluationResponseSchema } from './evaluation-schemas.js';

export const getEvaluation: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period',
    {
      schema: {
        summary: 'Evaluate a plan for a reporting period',
        description:
          'Every indicator with its year-to-date target, result, compliance (exact and displayed) and status, grouped by ' +
          'status; the critical ones with their justifications and corrective actions; the summaries and the closing ' +
          `table. Computed from the evaluation read model with the method the plan was opened with. ${describeAnswer}`,
        tags: ['evaluations'],
        params: evaluationParamsSchema,
        querystring: evaluationQuerySchema,
        response: {
          200: {
            description: 'The evaluation (JSON), or one CSV row per indicator (`text/csv`).',
            content: {
              'application/json': { schema: evaluationResponseSchema },
              'text/csv': { schema: z.string().describe('Código, Indicador, Tipo, Perspectiva, Unidad, Meta, Resultado, % Cumplimiento, Semáforo.') },
            },
          },
          ...problemResponses(400, 404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const answer = await answerEvaluation(app, request, reply, 'evaluation');
      if (answer.csv !== null) return reply.send(evaluationToCsv(answer.evaluation, answer.csv.language, answer.csv.version));
      return reply.send({ ...answer.answeredAt, evaluation: answer.evaluation });
    },
  );
};
