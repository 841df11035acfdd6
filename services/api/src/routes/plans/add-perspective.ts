import { addPerspectiveDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planParamsSchema, planPath } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/** AddPerspective: perspectives are defined per plan, in order; never hard-coded. */
export const addPerspective: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/perspectives',
    {
      schema: {
        summary: 'Add a perspective to a plan',
        description:
          "Appends a Balanced Scorecard perspective after the plan's others. A code the plan already has is 409 `DUPLICATE_PERSPECTIVE`. `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planParamsSchema,
        headers: writeHeadersSchema,
        body: addPerspectiveDataSchema,
        response: {
          201: planWriteAnswerSchema.describe(`Added. \`Location\` is the perspective; the body is the whole plan. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'AddPerspective', data: request.body }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply
        .code(201)
        .header('location', `${planPath(planId)}/perspectives/${request.body.code}`)
        .header('etag', answer.etag)
        .send(answer.body);
    },
  );
};
