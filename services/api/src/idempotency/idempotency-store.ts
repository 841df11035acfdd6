/** A response worth replaying: a success, with the headers a client acts on. */
export interface StoredResponse {
  readonly status: number;
  /** Lower-case names: content-type, etag, location. */
  readonly headers: Readonly<Record<string, string>>;
  /** Null when the body must not be kept (it carried a secret). */
  readonly body: string | null;
}

export interface IdempotencyRecord {
  /** SHA-256 of the request a key was first used for (method, path, body). */
  readonly fingerprint: string;
  readonly state: 'pending' | 'done';
  readonly response: StoredResponse | null;
}

export interface Claim {
  /** The tenant: keys of different institutions never meet. */
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  /** Unique per execution: only the claimant completes or releases. */
  readonly owner: string;
  readonly now: Date;
  /** Until then nobody else executes the key; after it a crashed claimant's key can be taken over. */
  readonly leaseUntil: Date;
  readonly expiresAt: Date;
}

export type ClaimOutcome =
  | { readonly claimed: true }
  /** Someone else holds or held the key. `record` is null when it vanished meanwhile: claim again. */
  | { readonly claimed: false; readonly record: IdempotencyRecord | null };

/**
 * Keys and the responses they produced. `claim` is the one atomic step:
 * of any number of concurrent claims of a key, exactly one succeeds, so a
 * request runs once however many retries race.
 */
export interface IdempotencyStore {
  claim(claim: Claim): Promise<ClaimOutcome>;
  complete(scope: string, key: string, owner: string, response: StoredResponse): Promise<void>;
  /** Gives the key up (the request failed): a retry executes again. */
  release(scope: string, key: string, owner: string): Promise<void>;
  /** Removes what expired; returns how many rows. */
  purgeExpired(now: Date): Promise<number>;
}
