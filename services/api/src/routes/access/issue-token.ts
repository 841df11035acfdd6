import { codeSchema, ROLES, textSchema } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/authentication.js';
import { z } from 'zod';
import { requireUnitsDefined } from './token-units.js';
import { tokenPath, tokenViewSchema, toTokenView } from './token-view.js';

const issueTokenBodySchema = z.object({
  role: z.enum(ROLES),
  units: z.array(codeSchema).max(200).optional().describe('Required for `reporter`: the unit codes it reports for. Not allowed for other roles.'),
  label: textSchema(200).describe('Who or what holds the token, as auditors should read it: "Ana Pérez, DNGF", "nightly report job".'),
  holderName: textSchema(200)
    .optional()
    .describe('The person who holds it ("Ana Pérez"): the audit shows it beside the token id, and its `actor` filter finds it.'),
  holderUnit: codeSchema.optional().describe('The unit the holder works in; a unit a plan of the institution defines.'),
  expiresAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 instant, e.g. 2025-12-31T23:59:59Z' })
    .optional()
    .describe('When the token stops working. Absent: until revoked.'),
});

/** IssueToken: a new token of the caller's institution, shown once. */
export const issueToken: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/access/tokens',
    {
      // The answer holds the secret: an Idempotency-Key replay must not keep it.
      config: { idempotentReplay: 'withhold-body' },
      schema: {
        summary: 'Issue a token',
        description:
          'Issues a bearer token of your institution, with one role (and, for a reporter, its units: each defined, and not retired, in a plan of the institution, else 422 `UNKNOWN_TOKEN_UNITS`). The answer is the ONLY time its secret is shown: store it in a secret manager. Recorded as a `TokenIssued` event (with the SHA-256 of the secret, never the secret).',
        tags: ['access'],
        body: issueTokenBodySchema,
        response: {
          201: tokenViewSchema
            .extend({ token: z.string().describe('The bearer token: `Authorization: Bearer <token>`. Shown once.') })
            .describe('Issued. `Location` is the token; `Cache-Control: no-store`.'),
          ...problemResponses(400, 409, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const metadata = app.commandMetadata(request);
      const { role, units, label, holderName, holderUnit, expiresAt } = request.body;
      const named = [...(role === 'reporter' ? (units ?? []) : []), ...(holderUnit === undefined ? [] : [holderUnit])];
      await requireUnitsDefined(app, principal.institutionId, named, new Date(metadata.recordedAt));
      const issued = await app.access.issue(
        {
          institutionId: principal.institutionId,
          role,
          label,
          ...(holderName === undefined ? {} : { holderName }),
          ...(holderUnit === undefined ? {} : { holderUnit }),
          ...(units === undefined ? {} : { units }),
          ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
        },
        metadata,
      );
      return reply
        .code(201)
        .header('location', tokenPath(issued.record.tokenId))
        .header('etag', formatETag(issued.write.version))
        .header('cache-control', 'no-store')
        .send({ ...toTokenView(principal.institutionId, issued.record, new Date(metadata.recordedAt)), token: issued.token });
    },
  );
};
