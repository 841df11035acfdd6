import type { SqlClient } from '@semaforo/sql';
import type { Claim, ClaimOutcome, IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency-store.js';

// Any constant works; the same in every process that creates the table.
const CREATE_LOCK = '7120263543109472203';

/**
 * Idempotency keys in the event store's own database, so that every API
 * process sees every key. Not an event: a key is a transport detail with a
 * lifetime, not a fact of the domain, so its rows are updated and deleted.
 */
export async function createSqlIdempotencyStore(sql: SqlClient): Promise<IdempotencyStore> {
  await sql.transaction(async (conn) => {
    // Several processes may start at once: CREATE ... IF NOT EXISTS alone can still race on PostgreSQL's catalogs.
    await conn.query('SELECT pg_advisory_xact_lock($1::bigint)', [CREATE_LOCK]);
    await conn.query(`CREATE TABLE IF NOT EXISTS api_idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      fingerprint text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'done')),
      owner text NOT NULL,
      lease_until timestamptz NOT NULL,
      status integer,
      headers jsonb,
      body text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    )`);
    await conn.query('CREATE INDEX IF NOT EXISTS api_idempotency_keys_expires_at_idx ON api_idempotency_keys (expires_at)');
  });

  return {
    async claim(claim: Claim): Promise<ClaimOutcome> {
      // Inserts, or takes over a key that expired or whose claimant's lease
      // ran out; returns a row only then. Atomic on both databases: the
      // primary key serializes concurrent claims of one key.
      const claimed = await sql.query(
        `INSERT INTO api_idempotency_keys AS k (scope, key, fingerprint, state, owner, lease_until, created_at, expires_at)
         VALUES ($1, $2, $3, 'pending', $4, $5::timestamptz, $6::timestamptz, $7::timestamptz)
         ON CONFLICT (scope, key) DO UPDATE SET
           fingerprint = EXCLUDED.fingerprint, state = 'pending', owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until,
           status = NULL, headers = NULL, body = NULL, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= EXCLUDED.created_at OR (k.state = 'pending' AND k.lease_until <= EXCLUDED.created_at)
         RETURNING owner`,
        [claim.scope, claim.key, claim.fingerprint, claim.owner, claim.leaseUntil.toISOString(), claim.now.toISOString(), claim.expiresAt.toISOString()],
      );
      if (claimed.rowCount === 1) return { claimed: true };
      const existing = await sql.query<{
        fingerprint: string;
        state: 'pending' | 'done';
        status: number | null;
        headers: Record<string, string> | null;
        body: string | null;
      }>('SELECT fingerprint, state, status, headers, body FROM api_idempotency_keys WHERE scope = $1 AND key = $2', [claim.scope, claim.key]);
      const row = existing.rows[0];
      if (row === undefined) return { claimed: false, record: null };
      const record: IdempotencyRecord = {
        fingerprint: row.fingerprint,
        state: row.state,
        response: row.state === 'done' && row.status !== null ? { status: row.status, headers: row.headers ?? {}, body: row.body } : null,
      };
      return { claimed: false, record };
    },

    async complete(scope: string, key: string, owner: string, response: StoredResponse): Promise<void> {
      await sql.query(
        `UPDATE api_idempotency_keys SET state = 'done', status = $4, headers = $5::jsonb, body = $6
         WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'pending'`,
        [scope, key, owner, response.status, JSON.stringify(response.headers), response.body],
      );
    },

    async release(scope: string, key: string, owner: string): Promise<void> {
      await sql.query(`DELETE FROM api_idempotency_keys WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'pending'`, [scope, key, owner]);
    },

    async purgeExpired(now: Date): Promise<number> {
      const result = await sql.query('DELETE FROM api_idempotency_keys WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
      return result.rowCount;
    },
  };
}
