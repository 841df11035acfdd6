import { indicatorStreamName } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { streamEventsQuerySchema, streamEventsSchema, toStreamEventsView } from '../shared/stream-events-view.js';
import { indicatorParamsSchema } from './indicator-params.js';
import { indicatorNotFound } from './indicator-view.js';

/** The indicator's stream as stored: every definition change, target, result and justification. */
export const getIndicatorEvents: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/indicators/:code/events',
    {
      schema: {
        summary: 'Read the events of an indicator',
        description:
          'Every event of the indicator\'s stream (registration, amendments, targets and revisions, results, corrections and "no data", justifications, retirement), with actor, source, request, correlation and causation ids, time, reason, position and hash chain.',
        tags: ['indicators'],
        params: indicatorParamsSchema,
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
      const { planId, code } = request.params;
      const streamName = indicatorStreamName(planId, code);
      const { afterVersion } = request.query;
      const stream = await app.store.readStream(streamName, afterVersion === undefined ? {} : { afterVersion });
      if (stream.version === 0) throw await indicatorNotFound(app.writeSide, planId, code);
      reply.header('etag', formatETag(stream.version));
      if (holdsCurrentVersion(request.headers['if-none-match'], stream.version)) return reply.code(304).send();
      return reply.code(200).send(toStreamEventsView(streamName, stream));
    },
  );
};
