import { DomainError } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/authentication.js';
import { tokenParamsSchema, tokenViewSchema, toTokenView } from './token-view.js';

export const getToken: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/access/tokens/:tokenId',
    {
      schema: {
        summary: 'Read a token',
        description: 'One token of your institution: role, units, label, status. No secret.',
        tags: ['access'],
        params: tokenParamsSchema,
        response: { 200: tokenViewSchema, ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const institutionId = principalOf(request).institutionId;
      const { state } = await app.access.read(institutionId);
      const token = state.tokens[request.params.tokenId];
      if (token === undefined) {
        throw new DomainError('TOKEN_NOT_FOUND', `There is no token ${request.params.tokenId} in this institution.`, { tokenId: request.params.tokenId });
      }
      return toTokenView(institutionId, token, app.access.now());
    },
  );
};
