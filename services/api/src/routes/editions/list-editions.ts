import { formatETag, problemResponses } from '@semaforo/http';
import { formatLogPosition } from '@semaforo/event-store';
import { evaluationFactsAsOf } from '@semaforo/projection-evaluation-facts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { readHeadersSchema } from '../shared/request-headers.js';
import { periodParamsSchema } from './edition-params.js';
import { editionViewSchema, readEditions, toEditionView } from './edition-view.js';

const listQuerySchema = z.object({
  asOf: z
    .string()
    .optional()
    .describe(
      'The editions published at or before this moment: a log position `<commit>:<prepare>`, or an ISO-8601 instant (the newest ' +
        'watermark of the evaluation read model at or before it, as the evaluation routes read it). Default: the latest projected position.',
    ),
});

export const listEditions: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period/editions',
    {
      schema: {
        summary: "List a period's editions",
        description:
          'Every edition of the period published up to `asOf`, oldest first: number, position, digest, method, publisher, when, reason, ' +
          'the units unapproved at the time. An empty list when the period was never published. The `ETag` is the version of the ' +
          "period's editions (send it as `If-Match` when publishing).",
        tags: ['editions'],
        params: periodParamsSchema,
        querystring: listQuerySchema,
        headers: readHeadersSchema,
        response: {
          200: z.object({
            position: z.string().describe('The log position this list is as of.'),
            asOf: z.string().optional(),
            planId: z.string(),
            period: z.string(),
            editions: z.array(editionViewSchema),
          }),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, period } = request.params;
      const { asOf } = request.query;
      const { position } = await evaluationFactsAsOf(await app.readModelsFor(request, asOf), asOf);
      const { version, editions } = await readEditions(app.store, planId, period, position);
      // Never published: no version to name yet; the first publication takes no If-Match.
      if (asOf === undefined && version > 0) {
        reply.header('etag', formatETag(version));
        if (holdsCurrentVersion(request.headers['if-none-match'], version)) return reply.code(304).send();
      }
      return reply.send({
        position: formatLogPosition(position),
        ...(asOf === undefined ? {} : { asOf }),
        planId,
        period,
        editions: editions.map(toEditionView),
      });
    },
  );
};
