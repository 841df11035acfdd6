import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Liveness: the process answers. Says nothing about the store (that is `/ready`). */
export const getHealth: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'The process is alive',
        tags: ['operations'],
        response: { 200: z.object({ status: z.literal('ok') }).describe('The process answers.') },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
};
