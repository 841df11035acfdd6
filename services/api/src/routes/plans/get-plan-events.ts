import { planStreamName } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { planNotFound } from '../shared/plan-not-found.js';
import { planParamsSchema } from '../shared/plan-params.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { streamEventsQuerySchema, streamEventsSchema, toStreamEventsView } from '../shared/stream-events-view.js';

/** The plan's stream as stored: its structure's whole history (indicators have their own streams). */
export const getPlanEvents: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/events',
    {
      schema: {
        summary: 'Read the events of a plan',
        description:
          "Every event of the plan's stream (opening, perspectives, units, scale changes), with actor, source, request, correlation and causation ids, time, reason, position and hash chain. Indicators' events are in `/v1/plans/{planId}/indicators/{code}/events`.",
        tags: ['plans'],
        params: planParamsSchema,
        querystring: streamEventsQuerySchema,
        headers: readHeadersSchema,
        response: {
          200: streamEventsSchema.describe(`The stream. ${etagDescription}`),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const streamName = planStreamName(planId);
      const { afterVersion } = request.query;
      const stream = await app.store.readStream(streamName, afterVersion === undefined ? {} : { afterVersion });
      if (stream.version === 0) throw planNotFound(planId);
      reply.header('etag', formatETag(stream.version));
      if (holdsCurrentVersion(request.headers['if-none-match'], stream.version)) return reply.code(304).send();
      return reply.code(200).send(toStreamEventsView(streamName, stream));
    },
  );
};
