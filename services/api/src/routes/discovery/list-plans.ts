import { discoveryFileName, plansToCsv } from '@semaforo/documents';
import { problemResponses } from '@semaforo/http';
import { plansAt } from '@semaforo/projection-audit-trail';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/authentication.js';
import { notModifiedSchema } from '../shared/conditional-get.js';
import { auditReadPoint } from '../shared/read-point.js';
import { answeredAtSchema, DESCRIBE_ANSWER, discoveryQueryShape, sendList } from './discovery-answer.js';

const planListingSchema = z.object({
  planId: z.string(),
  name: z.string(),
  fiscalYear: z.number().int(),
  url: z.string().describe('Where the plan is read.'),
});

/** The plans of the token's institution, newest year first. */
export const listPlans: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans',
    {
      schema: {
        summary: "List your institution's plans",
        description: `Every plan of the token's institution opened by the position answered at, newest fiscal year first. ${DESCRIBE_ANSWER}`,
        tags: ['discovery'],
        querystring: z.object(discoveryQueryShape),
        response: {
          200: z.object({ ...answeredAtSchema, institutionId: z.string(), plans: z.array(planListingSchema) }),
          304: notModifiedSchema,
          ...problemResponses(400, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { institutionId } = principalOf(request);
      const at = await auditReadPoint(app.readModels(), request.query.asOf);
      const plans = await plansAt(app.readModels(), at, institutionId);
      return sendList(request, reply, {
        position: at.position,
        content: { institutionId, plans: plans.map((plan) => ({ ...plan, url: `/v1/plans/${plan.planId}` })) },
        csv: (language, version) => plansToCsv(plans, language, version),
        fileName: (language) => discoveryFileName('plans', institutionId, language),
      });
    },
  );
};
