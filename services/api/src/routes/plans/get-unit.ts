import { formatETag, HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { planItemParamsSchema } from '../shared/plan-params.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { readOpenPlan, toUnitView, unitViewSchema } from './plan-view.js';

/** One unit: where `POST /v1/plans/{planId}/units` points its `Location`. */
export const getUnit: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/units/:code',
    {
      schema: {
        summary: 'Read a unit of a plan',
        description: "A unit is part of its plan: its ETag is the plan's.",
        tags: ['plans'],
        params: planItemParamsSchema,
        headers: readHeadersSchema,
        response: {
          200: unitViewSchema.describe(`The unit. ${etagDescription}`),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const { plan, version } = await readOpenPlan(app.writeSide, planId);
      // Own keys only: a unit code such as `constructor` must not find Object.prototype's.
      const unit = Object.hasOwn(plan.units, code) ? plan.units[code] : undefined;
      if (unit === undefined) {
        throw new HttpProblem(404, 'UNIT_NOT_FOUND', `The plan ${planId} has no unit ${code}.`, { details: { planId, code } });
      }
      reply.header('etag', formatETag(version));
      if (holdsCurrentVersion(request.headers['if-none-match'], version)) return reply.code(304).send();
      return reply.code(200).send(toUnitView(unit));
    },
  );
};
