import { codeSchema, ROLES, tokenStatusAt, type TokenRecord } from '@semaforo/domain';
import { z } from 'zod';

export const tokenViewSchema = z
  .object({
    tokenId: z.string().describe('The token id: the actor id of every event made with it.'),
    institutionId: z.string(),
    role: z.enum(ROLES),
    units: z.array(codeSchema).describe('For a reporter, the units it reports for (and their descendants); empty otherwise.'),
    label: z.string().describe('Who or what holds the token.'),
    holderName: z.string().nullable().describe('The person holding it, as the audit names them beside the token id; null when none was named (a job).'),
    holderUnit: z.string().nullable().describe('The unit the holder works in.'),
    issuedAt: z.string(),
    expiresAt: z.string().nullable(),
    status: z.enum(['active', 'revoked', 'expired']).describe('At the time of this answer.'),
    revokedAt: z.string().nullable(),
    revocationReason: z.string().nullable(),
  })
  .meta({ id: 'Token', description: 'A token as the institution knows it. Its secret is never shown again after it was issued.' });

export type TokenView = z.output<typeof tokenViewSchema>;

export const toTokenView = (institutionId: string, token: TokenRecord, now: Date): TokenView => ({
  tokenId: token.tokenId,
  institutionId,
  role: token.role,
  units: [...token.units],
  label: token.label,
  holderName: token.holderName,
  holderUnit: token.holderUnit,
  issuedAt: token.issuedAt,
  expiresAt: token.expiresAt,
  status: tokenStatusAt(token, now.toISOString()),
  revokedAt: token.revokedAt,
  revocationReason: token.revocationReason,
});

export const tokenPath = (tokenId: string): string => `/v1/access/tokens/${tokenId}`;

export const tokenParamsSchema = z.object({ tokenId: z.string().regex(/^[0-9a-f]{16}$/, { message: 'must be 16 lower-case hexadecimal digits' }) });
