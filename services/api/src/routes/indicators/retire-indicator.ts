import { retireIndicatorDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { indicatorParamsSchema } from './indicator-params.js';
import { indicatorWriteAnswer, indicatorWriteAnswerSchema } from './indicator-view.js';
import { indicatorWrite } from './indicator-write.js';

/**
 * RetireIndicator. Nothing is deleted: the indicator and its history stay
 * readable, it just takes no more figures. A POST to a `retirement`
 * sub-resource rather than a DELETE, since it carries a reason and does not
 * remove the resource.
 */
export const retireIndicator: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/indicators/:code/retirement',
    {
      schema: {
        summary: 'Retire an indicator',
        description:
          'Retires the indicator, with a reason: it stays readable with its history, and takes no more targets, results or amendments. Retiring it again changes nothing (`write.appended` 0).',
        tags: ['indicators'],
        params: indicatorParamsSchema,
        headers: writeHeadersSchema,
        body: retireIndicatorDataSchema.omit({ code: true }),
        response: {
          200: indicatorWriteAnswerSchema.describe(`The indicator, retired. ${etagDescription}`),
          ...problemResponses(400, 404, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const written = await executeWrite(app, request, indicatorWrite(planId, { type: 'RetireIndicator', data: { code, ...request.body } }));
      const answer = await indicatorWriteAnswer(app.writeSide, planId, code, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
