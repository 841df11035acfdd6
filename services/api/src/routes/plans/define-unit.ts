import { defineUnitDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planParamsSchema, planPath } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/** DefineUnit: units are hierarchical (division → unit → department); a parent is defined first. */
export const defineUnit: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/units',
    {
      schema: {
        summary: 'Define a unit of a plan',
        description:
          "Defines a responsible unit, under `parentCode` when given (which must be defined already: else 422 `UNKNOWN_PARENT_UNIT`). A code the plan already has is 409 `UNIT_ALREADY_DEFINED`. `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planParamsSchema,
        headers: writeHeadersSchema,
        body: defineUnitDataSchema,
        response: {
          201: planWriteAnswerSchema.describe(`Defined. \`Location\` is the unit; the body is the whole plan. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'DefineUnit', data: request.body }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply
        .code(201)
        .header('location', `${planPath(planId)}/units/${request.body.code}`)
        .header('etag', answer.etag)
        .send(answer.body);
    },
  );
};
