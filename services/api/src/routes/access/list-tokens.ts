import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/authentication.js';
import { z } from 'zod';
import { tokenViewSchema, toTokenView } from './token-view.js';

export const listTokens: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/access/tokens',
    {
      schema: {
        summary: 'List tokens',
        description: 'Every token your institution ever issued, revoked and expired ones included, oldest first. No secrets.',
        tags: ['access'],
        response: {
          200: z.object({ tokens: z.array(tokenViewSchema) }).describe('The tokens. `ETag`: the version of the access stream.'),
          ...problemResponses(503),
        },
      },
    },
    async (request, reply) => {
      const institutionId = principalOf(request).institutionId;
      const { version, state } = await app.access.read(institutionId);
      const now = app.access.now();
      const tokens = Object.values(state.tokens)
        .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.tokenId.localeCompare(b.tokenId))
        .map((token) => toTokenView(institutionId, token, now));
      return reply.header('etag', formatETag(version)).send({ tokens });
    },
  );
};
