import { formatETag, HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { planItemParamsSchema } from '../shared/plan-params.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { perspectiveViewSchema, readOpenPlan, toPerspectiveView } from './plan-view.js';

/** One perspective: where `POST /v1/plans/{planId}/perspectives` points its `Location`. */
export const getPerspective: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/perspectives/:code',
    {
      schema: {
        summary: 'Read a perspective of a plan',
        description: "A perspective is part of its plan: its ETag is the plan's.",
        tags: ['plans'],
        params: planItemParamsSchema,
        headers: readHeadersSchema,
        response: {
          200: perspectiveViewSchema.describe(`The perspective. ${etagDescription}`),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const { plan, version } = await readOpenPlan(app.writeSide, planId);
      const perspective = plan.perspectives.find((p) => p.code === code);
      if (perspective === undefined) {
        throw new HttpProblem(404, 'PERSPECTIVE_NOT_FOUND', `The plan ${planId} has no perspective ${code}.`, {
          details: { planId, code },
        });
      }
      reply.header('etag', formatETag(version));
      if (holdsCurrentVersion(request.headers['if-none-match'], version)) return reply.code(304).send();
      return reply.code(200).send(toPerspectiveView(perspective));
    },
  );
};
