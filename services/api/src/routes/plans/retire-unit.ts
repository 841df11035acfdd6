import { retireUnitDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planItemParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/** RetireUnit. A POST to a `retirement` sub-resource, as an indicator's: it carries a reason and removes nothing. */
export const retireUnit: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/units/:code/retirement',
    {
      schema: {
        summary: 'Retire a unit',
        description:
          'Retires the unit, with a reason: it stays in the plan (`retired: true`) with its history, and its indicators keep it, but no indicator can be registered in it or moved to it (409 `UNIT_RETIRED`), ' +
          'no unit can be defined or moved under it (422 `PARENT_UNIT_RETIRED`) and no new reporter token can name it. A unit with active units below it cannot retire (409 `UNIT_HAS_ACTIVE_UNITS`: move or retire them first). ' +
          "Indicators still assigned to it do not hold it back: they are in their own streams, and keep their unit. Retiring it again changes nothing (`write.appended` 0). `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planItemParamsSchema,
        headers: writeHeadersSchema,
        body: retireUnitDataSchema.omit({ code: true }),
        response: {
          200: planWriteAnswerSchema.describe(`The plan, with the unit retired. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'RetireUnit', data: { code, ...request.body } }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
