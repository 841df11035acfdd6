import { amendIndicatorDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { indicatorParamsSchema } from './indicator-params.js';
import { indicatorWriteAnswer, indicatorWriteAnswerSchema } from './indicator-view.js';
import { indicatorWrite } from './indicator-write.js';

/** AmendIndicator: a merge patch of the definition; the code is the URL's. */
export const amendIndicator: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/plans/:planId/indicators/:code',
    {
      schema: {
        summary: "Amend an indicator's definition",
        description:
          '`changes` names the fields to change (`null` clears `decimals` or `strategicObjective`); `reason` is recorded in the event. Fields already at the given value change nothing (`write.appended` 0); no field at all is 400 `NOTHING_TO_CHANGE`. The periodicity cannot change once there are targets or results (409 `PERIODICITY_LOCKED`); a retired indicator takes no amendment (409 `INDICATOR_RETIRED`).',
        tags: ['indicators'],
        params: indicatorParamsSchema,
        headers: writeHeadersSchema,
        body: amendIndicatorDataSchema.omit({ code: true }),
        response: {
          200: indicatorWriteAnswerSchema.describe(`The indicator with its definition now. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const written = await executeWrite(app, request, indicatorWrite(planId, { type: 'AmendIndicator', data: { code, ...request.body } }));
      const answer = await indicatorWriteAnswer(app.writeSide, planId, code, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
