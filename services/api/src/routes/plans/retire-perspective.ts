import { retirePerspectiveDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planItemParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/** RetirePerspective, as a unit's retirement: a `retirement` sub-resource with a reason. */
export const retirePerspective: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/perspectives/:code/retirement',
    {
      schema: {
        summary: 'Retire a perspective',
        description:
          'Retires the perspective, with a reason: it stays in the plan, in its place (`retired: true`), and its indicators keep it, but no indicator can be registered in it or moved to it (409 `PERSPECTIVE_RETIRED`). ' +
          "Indicators still in it do not hold it back: they are in their own streams. Retiring it again changes nothing (`write.appended` 0). `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planItemParamsSchema,
        headers: writeHeadersSchema,
        body: retirePerspectiveDataSchema.omit({ code: true }),
        response: {
          200: planWriteAnswerSchema.describe(`The plan, with the perspective retired. ${etagDescription}`),
          ...problemResponses(400, 404, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'RetirePerspective', data: { code, ...request.body } }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
