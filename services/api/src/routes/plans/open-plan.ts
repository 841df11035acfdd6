import { openPlanDataSchema, planIdFor } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planPath } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/** OpenPlan: one plan per institution and fiscal year; its id derives from both. */
export const openPlan: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans',
    {
      schema: {
        summary: 'Open a plan',
        description:
          'Opens the annual work plan of an institution for a fiscal year, with its perspectives and evaluation scale (default: critical below 85 %, good above 99 %). The plan id is `<institutionId>-<fiscalYear>`. A second plan for the same institution and year is 409 `PLAN_ALREADY_OPENED`.',
        tags: ['plans'],
        headers: writeHeadersSchema,
        body: openPlanDataSchema,
        response: {
          201: planWriteAnswerSchema.describe(`Opened. \`Location\` is the plan. ${etagDescription}`),
          ...problemResponses(400, 409, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const planId = planIdFor(request.body.institutionId, request.body.fiscalYear);
      const written = await executeWrite(app, request, planWrite(planId, { type: 'OpenPlan', data: request.body }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply.code(201).header('location', planPath(planId)).header('etag', answer.etag).send(answer.body);
    },
  );
};
