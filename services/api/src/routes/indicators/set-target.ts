import { setTargetDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { indicatorPeriodParamsSchema } from './indicator-params.js';
import { indicatorWriteAnswer, indicatorWriteAnswerSchema } from './indicator-view.js';
import { indicatorWrite } from './indicator-write.js';

/**
 * SetTarget. A PUT, idempotent: the same value again changes nothing, so a
 * client may retry it blindly. The target is part of the indicator (its
 * stream and its ETag), so the answer is the indicator, always 200.
 */
export const setTarget: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/plans/:planId/indicators/:code/targets/:period',
    {
      schema: {
        summary: 'Set or revise a target',
        description:
          "Sets the target of a period of the indicator's periodicity in the plan's year (else 422 `PERIOD_NOT_OF_PERIODICITY` / `PERIOD_OUTSIDE_PLAN_YEAR`). Changing an existing target is a revision (*reprogramación*) and needs a `reason` (else 422 `REASON_REQUIRED`); both values stay in the indicator's events. The same value again changes nothing (`write.appended` 0). A period whose unit is approved for a sign-off period it ends inside is locked (409 `PERIOD_LOCKED`, naming the approval) until a planner reopens it.",
        tags: ['indicators'],
        params: indicatorPeriodParamsSchema,
        headers: writeHeadersSchema,
        body: setTargetDataSchema.omit({ code: true, period: true }),
        response: {
          200: indicatorWriteAnswerSchema.describe(`The indicator with its targets now. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code, period } = request.params;
      const written = await executeWrite(app, request, indicatorWrite(planId, { type: 'SetTarget', data: { code, period, ...request.body } }));
      const answer = await indicatorWriteAnswer(app.writeSide, planId, code, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
