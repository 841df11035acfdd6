import type { Role } from '@semaforo/domain';

/** Who a request acts as: one token of one institution, in one role. */
export interface Principal {
  readonly institutionId: string;
  readonly tokenId: string;
  readonly role: Role;
  /** For a reporter, the units it reports for (and their descendants); empty otherwise. */
  readonly units: readonly string[];
  readonly label: string;
}

/** What the `Authorization` header told us, decided once per request by the authentication hook. */
export type Authentication =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'rejected'; readonly reason: RejectionReason }
  | { readonly kind: 'authenticated'; readonly principal: Principal };

/**
 * Why a token was refused. A wrong secret and an unknown id read the same
 * (`invalid`), so a caller cannot probe which token ids exist; revoked and
 * expired are only said to whoever holds the right secret.
 */
export type RejectionReason = 'malformed' | 'invalid' | 'revoked' | 'expired';
