import { HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Prometheus metrics, for a scraper holding METRICS_TOKEN (see `metrics` plugin). */
export const getMetrics: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (Authorization: Bearer <METRICS_TOKEN>)',
        tags: ['operations'],
        response: {
          200: z.string().describe('The Prometheus text format.'),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request, reply) => {
      // Not a product token: a scraper belongs to no institution. Without METRICS_TOKEN there are no metrics to read.
      if (!app.metrics.enabled) throw new HttpProblem(404, 'METRICS_DISABLED', 'Metrics are off: set METRICS_TOKEN to turn them on.');
      if (!app.metrics.allows(request.headers.authorization))
        throw new HttpProblem(401, 'METRICS_TOKEN_REQUIRED', 'Send the metrics token: `Authorization: Bearer <METRICS_TOKEN>`.');
      const text = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(text);
    },
  );
};
