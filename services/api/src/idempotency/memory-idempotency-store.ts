import type { Claim, ClaimOutcome, IdempotencyStore, StoredResponse } from './idempotency-store.js';

interface Row {
  fingerprint: string;
  state: 'pending' | 'done';
  owner: string;
  leaseUntil: number;
  expiresAt: number;
  response: StoredResponse | null;
}

/**
 * For an app built without a SQL client (some tests build one on a bare
 * event store): the same rules in this process only. The server always
 * passes the store's SQL client, so keys are shared by every process.
 */
export function createMemoryIdempotencyStore(): IdempotencyStore {
  const rows = new Map<string, Row>();
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;
  return {
    async claim(claim: Claim): Promise<ClaimOutcome> {
      const now = claim.now.getTime();
      const existing = rows.get(id(claim.scope, claim.key));
      if (existing === undefined || existing.expiresAt <= now || (existing.state === 'pending' && existing.leaseUntil <= now)) {
        rows.set(id(claim.scope, claim.key), {
          fingerprint: claim.fingerprint,
          state: 'pending',
          owner: claim.owner,
          leaseUntil: claim.leaseUntil.getTime(),
          expiresAt: claim.expiresAt.getTime(),
          response: null,
        });
        return { claimed: true };
      }
      return { claimed: false, record: { fingerprint: existing.fingerprint, state: existing.state, response: existing.response } };
    },
    async complete(scope, key, owner, response) {
      const row = rows.get(id(scope, key));
      if (row !== undefined && row.owner === owner && row.state === 'pending') Object.assign(row, { state: 'done', response });
    },
    async release(scope, key, owner) {
      const row = rows.get(id(scope, key));
      if (row !== undefined && row.owner === owner && row.state === 'pending') rows.delete(id(scope, key));
    },
    async purgeExpired(now) {
      let purged = 0;
      for (const [rowId, row] of rows) {
        if (row.expiresAt <= now.getTime()) {
          rows.delete(rowId);
          purged++;
        }
      }
      return purged;
    },
  };
}
