import { reasonSchema } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/authentication.js';
import { z } from 'zod';
import { tokenParamsSchema, tokenViewSchema, toTokenView } from './token-view.js';

/** RevokeToken: the token stops working at once in this process, within the cache delay in the others. */
export const revokeToken: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/access/tokens/:tokenId/revocation',
    {
      schema: {
        summary: 'Revoke a token',
        description:
          'Revokes a token of your institution, with a reason (recorded in a `TokenRevoked` event). Revoking a revoked token changes nothing (`appended: 0`). The last working admin token cannot be revoked (409 `LAST_ADMIN_TOKEN`): issue its replacement first. Other API processes stop accepting the token within 5 seconds.',
        tags: ['access'],
        params: tokenParamsSchema,
        body: z.object({ reason: reasonSchema.describe('Why: "left the institution", "laptop lost".') }),
        response: {
          200: tokenViewSchema.extend({ appended: z.number().int().min(0).describe('1 when revoked now, 0 when it already was.') }),
          ...problemResponses(400, 404, 409, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const institutionId = principalOf(request).institutionId;
      const metadata = app.commandMetadata(request);
      const { record, write } = await app.access.revoke(institutionId, request.params.tokenId, request.body.reason, metadata);
      return reply
        .header('etag', formatETag(write.version))
        .send({ ...toTokenView(institutionId, record, new Date(metadata.recordedAt)), appended: write.appended });
    },
  );
};
