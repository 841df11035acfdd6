import { addJustificationDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { indicatorPath, indicatorPeriodParamsSchema } from './indicator-params.js';
import { indicatorWriteAnswer, indicatorWriteAnswerSchema } from './indicator-view.js';
import { indicatorWrite } from './indicator-write.js';

/**
 * AddJustification. Every call adds one: unlike the PUTs, a blind retry adds
 * a second. A client that must retry safely sends `If-Match` with the ETag it
 * read: if the first attempt landed, the retry is a 412 and adds nothing.
 */
export const addJustification: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/indicators/:code/justifications/:period',
    {
      schema: {
        summary: 'Add a justification with corrective actions',
        description:
          "Adds a justification for a period of the plan's year (else 422 `PERIOD_OUTSIDE_PLAN_YEAR`), with corrective actions (action, owner, due date). Justifications are numbered 1, 2, 3… within the indicator. Each call adds one: to retry safely, send `If-Match` with the indicator's ETag.",
        tags: ['indicators'],
        params: indicatorPeriodParamsSchema,
        headers: writeHeadersSchema,
        body: addJustificationDataSchema.omit({ code: true, period: true }),
        response: {
          201: indicatorWriteAnswerSchema.describe(
            `Added. \`Location\` lists the period's justifications; the body is the indicator, whose \`justificationCount\` counts it. ${etagDescription}`,
          ),
          ...problemResponses(400, 404, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code, period } = request.params;
      const written = await executeWrite(app, request, indicatorWrite(planId, { type: 'AddJustification', data: { code, period, ...request.body } }));
      const answer = await indicatorWriteAnswer(app.writeSide, planId, code, written);
      return reply
        .code(201)
        .header('location', `${indicatorPath(planId, code)}/justifications/${period}`)
        .header('etag', answer.etag)
        .send(answer.body);
    },
  );
};
