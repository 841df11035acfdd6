import { codeSchema, ROLES } from '@semaforo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/authentication.js';
import { z } from 'zod';

/** Who am I: what a client checks after configuring a token. */
export const getMe: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/access/me',
    {
      schema: {
        summary: 'The token you are using',
        description: 'The institution, role, units and label of the token that authenticated this request.',
        tags: ['access'],
        response: {
          200: z.object({
            institutionId: z.string(),
            tokenId: z.string(),
            role: z.enum(ROLES),
            units: z.array(codeSchema),
            label: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { institutionId, tokenId, role, units, label } = principalOf(request);
      return { institutionId, tokenId, role, units: [...units], label };
    },
  );
};
