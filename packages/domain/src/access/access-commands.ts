import { z } from 'zod';
import type { Message } from '../shared/message.js';
import { codeSchema, institutionIdSchema, reasonSchema, textSchema } from '../shared/text.js';
import { instantSchema, secretHashSchema, tokenIdSchema } from './access-vocabulary.js';
import { roleSchema } from './roles.js';

/**
 * The edge mints the id and the secret and reads the clock; the decider only
 * judges. So `tokenId`, `secretHash` and `issuedAt` arrive in the command.
 */
export const issueTokenDataSchema = z.object({
  institutionId: institutionIdSchema,
  tokenId: tokenIdSchema,
  role: roleSchema,
  /** Unit codes a reporter may report for (with their descendants); empty for every other role. */
  units: z.array(codeSchema).max(200).default([]),
  /** Who or what holds the token, for people reading the audit: "Ana Pérez, DNGF", "nightly report job". */
  label: textSchema(200),
  /** The person who holds it, as the audit names them beside the token id; absent for a job (the label says what it is). */
  holderName: textSchema(200).optional(),
  /** The unit the holder works in (any role: a planner of DPPE, an auditor of the internal audit unit). */
  holderUnit: codeSchema.optional(),
  secretHash: secretHashSchema,
  issuedAt: instantSchema,
  expiresAt: instantSchema.optional(),
});
export type IssueToken = Message<'IssueToken', z.infer<typeof issueTokenDataSchema>>;

export const revokeTokenDataSchema = z.object({
  tokenId: tokenIdSchema,
  reason: reasonSchema,
  revokedAt: instantSchema,
});
export type RevokeToken = Message<'RevokeToken', z.infer<typeof revokeTokenDataSchema>>;

export type AccessCommand = IssueToken | RevokeToken;
