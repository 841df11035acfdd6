import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { indicatorParamsSchema } from './indicator-params.js';
import { indicatorViewSchema, readRegisteredIndicator, toIndicatorView } from './indicator-view.js';

export const getIndicator: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/indicators/:code',
    {
      schema: {
        summary: 'Read an indicator',
        description: 'The indicator now: definition, status, current targets and results, number of justifications. How they got there is in its events.',
        tags: ['indicators'],
        params: indicatorParamsSchema,
        headers: readHeadersSchema,
        response: {
          200: indicatorViewSchema.describe(`The indicator. ${etagDescription}`),
          304: notModifiedSchema,
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const { indicator, version } = await readRegisteredIndicator(app.writeSide, planId, code);
      reply.header('etag', formatETag(version));
      if (holdsCurrentVersion(request.headers['if-none-match'], version)) return reply.code(304).send();
      return reply.code(200).send(toIndicatorView(indicator, version));
    },
  );
};
