import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerDifference, differenceResponseSchema, differenceSide } from './answer-difference.js';
import { periodParamsSchema } from './edition-params.js';
import { differenceCsvSchema, differenceDescription, differenceRepresentationShape, sendDifference } from './send-difference.js';

const sideSchema = z.string().describe('`now`, an edition number (`2`), a log position `<commit>:<prepare>` or an ISO-8601 instant.');

export const getDifference: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period/difference',
    {
      schema: {
        summary: 'What changed between two moments',
        description: `From \`from\` to \`to\` (default \`now\`); each an edition, a position, an instant or now. ${differenceDescription}`,
        tags: ['editions'],
        params: periodParamsSchema,
        querystring: z.object({ from: sideSchema, to: sideSchema.default('now'), ...differenceRepresentationShape }),
        response: {
          200: {
            description: 'The difference.',
            content: { 'application/json': { schema: differenceResponseSchema }, 'text/csv': { schema: differenceCsvSchema } },
          },
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, period } = request.params;
      const deps = { db: app.readModels(), store: app.store };
      const from = await differenceSide(deps, planId, period, request.query.from);
      const to = await differenceSide(deps, planId, period, request.query.to);
      return sendDifference(request, reply, request.query, { from, to }, await answerDifference(deps.db, planId, period, from, to));
    },
  );
};
