import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { planParamsSchema } from '../shared/plan-params.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { planViewSchema, readOpenPlan, toPlanView } from './plan-view.js';

export const getPlan: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId',
    {
      schema: {
        summary: 'Read a plan',
        description: 'The plan now: perspectives, units and evaluation scale.',
        tags: ['plans'],
        params: planParamsSchema,
        headers: readHeadersSchema,
        response: {
          200: planViewSchema.describe(`The plan. ${etagDescription}`),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { plan, version } = await readOpenPlan(app.writeSide, request.params.planId);
      reply.header('etag', formatETag(version));
      if (holdsCurrentVersion(request.headers['if-none-match'], version)) return reply.code(304).send();
      return reply.code(200).send(toPlanView(plan, version));
    },
  );
};
