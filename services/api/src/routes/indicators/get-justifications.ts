import { correctiveActionSchema, indicatorStreamName, justificationAddedSchema } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { indicatorPeriodParamsSchema } from './indicator-params.js';
import { indicatorNotFound } from './indicator-view.js';

const justificationsSchema = z
  .object({
    planId: z.string(),
    code: z.string(),
    period: z.string(),
    justifications: z
      .array(
        z.object({
          number: z.number().int().min(1).describe('1, 2, 3… within the indicator.'),
          text: z.string(),
          reserved: z.literal(true).optional().describe('Present (true) only for a reserved text: the public version of a report omits it.'),
          correctiveActions: z.array(correctiveActionSchema),
          actor: z.string().describe('Who added it.'),
          recordedAt: z.string(),
        }),
      )
      .describe('In the order they were added.'),
    version: z.number().int().min(1).describe("The indicator stream's version; the `ETag` is this number, quoted."),
  })
  .meta({ id: 'Justifications', description: 'The justifications of one period of an indicator.' });

/**
 * The justifications of a period: where `POST …/justifications/{period}`
 * points its `Location`. Read from the indicator's stream, which is short
 * (tens of events a year), rather than kept in the aggregate's state, which
 * only needs their count.
 */
export const getJustifications: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/indicators/:code/justifications/:period',
    {
      schema: {
        summary: 'Read the justifications of a period',
        description: "Every justification added for the period, with its corrective actions. They are part of the indicator: the ETag is the indicator's.",
        tags: ['indicators'],
        params: indicatorPeriodParamsSchema,
        headers: readHeadersSchema,
        response: {
          200: justificationsSchema.describe(`The period's justifications (possibly none). ${etagDescription}`),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code, period } = request.params;
      const stream = await app.store.readStream(indicatorStreamName(planId, code));
      if (stream.version === 0) throw await indicatorNotFound(app.writeSide, planId, code);
      reply.header('etag', formatETag(stream.version));
      if (holdsCurrentVersion(request.headers['if-none-match'], stream.version)) return reply.code(304).send();
      const justifications = stream.events
        .filter((event) => event.type === 'JustificationAdded' && event.data['period'] === period)
        .map((event) => {
          const { data } = justificationAddedSchema.parse({ type: event.type, data: event.data });
          return {
            number: data.justificationNumber,
            text: data.text,
            ...(data.reserved === true ? { reserved: data.reserved } : {}),
            correctiveActions: data.correctiveActions,
            actor: event.metadata.actor.id,
            recordedAt: event.metadata.recordedAt,
          };
        });
      return reply.code(200).send({ planId, code, period, justifications, version: stream.version });
    },
  );
};
