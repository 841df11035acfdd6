import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerDifference, differenceResponseSchema, differenceSide } from './answer-difference.js';
import { editionParamsSchema } from './edition-params.js';
import { differenceCsvSchema, differenceDescription, differenceRepresentationShape, sendDifference } from './send-difference.js';

export const getEditionDifference: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period/editions/:edition/difference',
    {
      schema: {
        summary: 'What changed since an edition',
        description: `From the edition to \`against\`: \`now\` (default), another edition's number, or a position or instant. ${differenceDescription}`,
        tags: ['editions'],
        params: editionParamsSchema,
        querystring: z.object({
          against: z.string().default('now').describe('`now`, an edition number (`2`), a log position `<commit>:<prepare>` or an ISO-8601 instant.'),
          ...differenceRepresentationShape,
        }),
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
      const { planId, period, edition } = request.params;
      const deps = { db: app.readModels(), store: app.store };
      const from = await differenceSide(deps, planId, period, String(edition));
      const to = await differenceSide(deps, planId, period, request.query.against);
      return sendDifference(request, reply, request.query, { from, to }, await answerDifference(deps.db, planId, period, from, to));
    },
  );
};
