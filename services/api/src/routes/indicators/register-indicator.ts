import { registerIndicatorDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { indicatorPath } from './indicator-params.js';
import { indicatorWriteAnswer, indicatorWriteAnswerSchema } from './indicator-view.js';
import { indicatorWrite } from './indicator-write.js';

/** RegisterIndicator: each indicator is its own stream, so `If-Match` here can only fail (it does not exist yet). */
export const registerIndicator: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/indicators',
    {
      schema: {
        summary: 'Register an indicator',
        description:
          "Registers an indicator in the plan. Its perspective and unit must be the plan's (else 422 `UNKNOWN_PERSPECTIVE` / `UNKNOWN_UNIT`); a code the plan already has is 409 `DUPLICATE_INDICATOR_CODE`. The indicator is a resource of its own, with its own ETag: an `If-Match` here is always 412.",
        tags: ['indicators'],
        params: planParamsSchema,
        headers: writeHeadersSchema,
        body: registerIndicatorDataSchema,
        response: {
          201: indicatorWriteAnswerSchema.describe(`Registered. \`Location\` is the indicator. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const { code } = request.body;
      const written = await executeWrite(app, request, indicatorWrite(planId, { type: 'RegisterIndicator', data: request.body }));
      const answer = await indicatorWriteAnswer(app.writeSide, planId, code, written);
      return reply.code(201).header('location', indicatorPath(planId, code)).header('etag', answer.etag).send(answer.body);
    },
  );
};
