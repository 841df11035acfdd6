import { discoveryFileName, unitsToCsv } from '@semaforo/documents';
import { AREA_CLASSES } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notModifiedSchema } from '../shared/conditional-get.js';
import { planParamsSchema } from '../shared/plan-params.js';
import { answeredAtSchema, DESCRIBE_ANSWER, discoveryQueryShape, planFactsAsOf, sendList } from './discovery-answer.js';
import { flattenUnitTree, unitTree, type UnitNode } from './unit-tree.js';

const unitNodeSchema: z.ZodType<UnitNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    areaClass: z.enum(AREA_CLASSES),
    retired: z.literal(true).optional().describe('Only for a retired unit, which stays in the tree with its indicators.'),
    children: z.array(unitNodeSchema),
  }),
);

/** The plan's units as a tree; as CSV, one row per unit with its parent and level. */
export const getUnitTree: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/units',
    {
      schema: {
        summary: 'The units of a plan, as a tree',
        description: `Division → unit → department: the top-level units with their \`children\`, each level in code order, with the names and places the units had at the position asked (a unit renamed or moved later shows as it was then). A retired unit stays, with \`retired: true\`. ${DESCRIBE_ANSWER}`,
        tags: ['discovery'],
        params: planParamsSchema,
        querystring: z.object(discoveryQueryShape),
        response: {
          200: z.object({ ...answeredAtSchema, planId: z.string(), units: z.array(unitNodeSchema) }),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const { facts, position } = await planFactsAsOf(app, planId, request.query.asOf);
      const tree = unitTree(facts.plan.units);
      return sendList(request, reply, {
        position,
        content: { planId, units: tree },
        csv: (language, version) => unitsToCsv(flattenUnitTree(tree), language, version),
        fileName: (language) => discoveryFileName('units', planId, language),
      });
    },
  );
};
