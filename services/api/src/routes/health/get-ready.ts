import { HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Readiness: the event store answers, so requests can be served. */
export const getReady: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ready',
    {
      schema: {
        summary: 'The event store answers',
        tags: ['operations'],
        response: {
          200: z.object({ status: z.literal('ready') }).describe('The event store answers: requests can be served.'),
          ...problemResponses(503),
        },
      },
    },
    async (request) => {
      try {
        await app.store.ping();
      } catch (error) {
        // Whatever the store threw, not ready is not ready: 503, never 500.
        request.log.warn({ err: error }, 'readiness: the event store did not answer');
        throw new HttpProblem(503, 'STORE_UNAVAILABLE', 'The event store is not answering. Retry in a few seconds.', { cause: error });
      }
      return { status: 'ready' as const };
    },
  );
};
