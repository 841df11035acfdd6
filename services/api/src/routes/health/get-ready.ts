import { HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';

/** Readiness: the event store and the read models' database answer, so requests can be served; the 503 names which does not. */
export const getReady: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ready',
    {
      schema: {
        summary: 'The event store and the read-model database answer',
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
        // The answer is as it always was: its detail names the dependency.
        throw new HttpProblem(503, 'STORE_UNAVAILABLE', 'The event store is not answering. Retry in a few seconds.', { cause: error });
      }
      let db;
      try {
        db = app.readModels();
      } catch {
        db = undefined; // an app without read models (tests of the write side): nothing more to wait for
      }
      if (db !== undefined) {
        try {
          await sql`SELECT 1`.execute(db);
        } catch (error) {
          request.log.warn({ err: error }, 'readiness: the read-model database did not answer');
          throw new HttpProblem(503, 'READ_MODELS_UNAVAILABLE', 'The read-model database is not answering. Retry in a few seconds.', { cause: error });
        }
      }
      return { status: 'ready' as const };
    },
  );
};
