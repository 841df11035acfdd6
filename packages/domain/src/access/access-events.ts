import { z } from 'zod';
import { codeSchema, institutionIdSchema, textSchema } from '../shared/text.js';
import { instantSchema, secretHashSchema, tokenIdSchema } from './access-vocabulary.js';
import { roleSchema } from './roles.js';

export const tokenIssuedSchema = z.object({
  type: z.literal('TokenIssued'),
  data: z.object({
    institutionId: institutionIdSchema,
    tokenId: tokenIdSchema,
    role: roleSchema,
    units: z.array(codeSchema),
    label: textSchema(200),
    // Added after the first tokens were issued: absent in their events, which read as no holder.
    holderName: textSchema(200).optional(),
    holderUnit: codeSchema.optional(),
    secretHash: secretHashSchema,
    issuedAt: instantSchema,
    expiresAt: instantSchema.nullable(),
  }),
});
export type TokenIssued = z.infer<typeof tokenIssuedSchema>;

export const tokenRevokedSchema = z.object({
  type: z.literal('TokenRevoked'),
  data: z.object({
    institutionId: institutionIdSchema,
    tokenId: tokenIdSchema,
    reason: z.string(),
    revokedAt: instantSchema,
  }),
});
export type TokenRevoked = z.infer<typeof tokenRevokedSchema>;

export const accessEventSchema = z.discriminatedUnion('type', [tokenIssuedSchema, tokenRevokedSchema]);
export type AccessEvent = z.infer<typeof accessEventSchema>;
export const ACCESS_EVENT_TYPES = ['TokenIssued', 'TokenRevoked'] as const;
