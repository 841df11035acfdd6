import { renamePerspectiveDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planItemParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/** RenamePerspective: a perspective's name is all a PATCH can change; its code and place in the plan stay. */
export const renamePerspective: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/plans/:planId/perspectives/:code',
    {
      schema: {
        summary: 'Rename a perspective',
        description:
          '`name` renames the perspective; `reason` is recorded in the event. An old evaluation or report keeps the name it had then. The name it already has changes nothing (`write.appended` 0). ' +
          "An unknown perspective is 404 `PERSPECTIVE_NOT_FOUND`; a retired one takes no change (409 `PERSPECTIVE_RETIRED`). `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planItemParamsSchema,
        headers: writeHeadersSchema,
        body: renamePerspectiveDataSchema.omit({ code: true }),
        response: {
          200: planWriteAnswerSchema.describe(`The plan with the perspective as it is now. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'RenamePerspective', data: { code, ...request.body } }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
