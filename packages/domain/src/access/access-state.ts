import type { AccessEvent } from './access-events.js';
import type { Role } from './roles.js';

export interface TokenRecord {
  readonly tokenId: string;
  readonly role: Role;
  readonly units: readonly string[];
  readonly label: string;
  /** The person holding it, when the issuer named one. */
  readonly holderName: string | null;
  readonly holderUnit: string | null;
  readonly secretHash: string;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly revocationReason: string | null;
}

/** Every token an institution issued, revoked ones included: they stay in the audit, and their ids are never reused. */
export interface AccessState {
  readonly institutionId: string | null;
  readonly tokens: Readonly<Record<string, TokenRecord>>;
}

export const initialAccessState = (): AccessState => ({ institutionId: null, tokens: {} });

export const evolveAccess = (state: AccessState, event: AccessEvent): AccessState => {
  switch (event.type) {
    case 'TokenIssued': {
      const { institutionId, tokenId, role, units, label, holderName, holderUnit, secretHash, issuedAt, expiresAt } = event.data;
      const record: TokenRecord = {
        tokenId,
        role,
        units,
        label,
        holderName: holderName ?? null,
        holderUnit: holderUnit ?? null,
        secretHash,
        issuedAt,
        expiresAt,
        revokedAt: null,
        revocationReason: null,
      };
      return { institutionId, tokens: { ...state.tokens, [tokenId]: record } };
    }
    case 'TokenRevoked': {
      const record = state.tokens[event.data.tokenId];
      if (record === undefined) return state;
      return {
        ...state,
        tokens: { ...state.tokens, [record.tokenId]: { ...record, revokedAt: event.data.revokedAt, revocationReason: event.data.reason } },
      };
    }
  }
};

export type TokenStatus = 'active' | 'revoked' | 'expired';

/** A token's status at an instant (ISO-8601). Revocation wins over expiry: it is the stronger statement. */
export const tokenStatusAt = (token: TokenRecord, instant: string): TokenStatus => {
  const at = Date.parse(instant);
  if (token.revokedAt !== null && Date.parse(token.revokedAt) <= at) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= at) return 'expired';
  return 'active';
};
