import { changeEvaluationScaleDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/**
 * ChangeEvaluationScale. A PUT: the plan always has a scale (the default
 * until changed), so this replaces it and answers 200, never 201.
 */
export const changeEvaluationScale: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/plans/:planId/evaluation-scale',
    {
      schema: {
        summary: 'Change the evaluation scale of a plan',
        description:
          "Replaces the thresholds of the traffic light. Evaluations already computed keep the scale they were computed with. The same scale again changes nothing (`write.appended` 0). `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planParamsSchema,
        headers: writeHeadersSchema,
        body: changeEvaluationScaleDataSchema,
        response: {
          200: planWriteAnswerSchema.describe(`The plan with its scale now. ${etagDescription}`),
          ...problemResponses(400, 404, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'ChangeEvaluationScale', data: request.body }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
