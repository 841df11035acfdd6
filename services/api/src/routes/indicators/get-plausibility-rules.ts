import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { holdsCurrentVersion, notModifiedSchema } from '../shared/conditional-get.js';
import { etagDescription, readHeadersSchema } from '../shared/request-headers.js';
import { indicatorParamsSchema } from './indicator-params.js';
import { readRegisteredIndicator } from './indicator-view.js';
import { plausibilityRulesViewSchema, toPlausibilityRulesView } from './plausibility-rules-view.js';

export const getPlausibilityRules: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/indicators/:code/plausibility-rules',
    {
      schema: {
        summary: "Read an indicator's plausibility rules",
        description:
          "The rules a new result of the indicator is checked against now: the ones set (`source: set`), or its measure's defaults (`source: default`). Every change of them is in the indicator's events (`PlausibilityRulesSet`).",
        tags: ['indicators'],
        params: indicatorParamsSchema,
        headers: readHeadersSchema,
        response: {
          200: plausibilityRulesViewSchema.describe(`The rules in force. ${etagDescription}`),
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
      return reply.code(200).send(toPlausibilityRulesView(indicator, version));
    },
  );
};
