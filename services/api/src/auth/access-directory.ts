import { StreamCache, WriteSide, type CommandMetadata, type WriteResult } from '@semaforo/commands';
import { accessStream, tokenStatusAt, type AccessCommand, type AccessState, type Role, type TokenRecord } from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';
import type { Authentication } from './principal.js';
import { mintToken, parseToken, secretMatches } from './token.js';

export interface AccessDirectoryOptions {
  readonly clock: () => Date;
  /**
   * How long a process trusts what it knows of an institution's tokens
   * before reading the stream again (default 5 s). A revocation made by
   * ANOTHER process takes effect here within this delay; in the process
   * that revokes, at once.
   */
  readonly cacheTtlMs?: number;
  /**
   * An unknown token id makes the directory read the stream again (a token
   * just issued elsewhere), but at most this often per institution (default
   * 1 s), so that made-up ids cannot turn every request into a database read.
   */
  readonly unknownTokenRefreshMs?: number;
}

export interface IssuedToken {
  /** The bearer token, to show once. */
  readonly token: string;
  readonly record: TokenRecord;
  readonly write: WriteResult;
}

export interface TokenRequest {
  readonly institutionId: string;
  readonly role: Role;
  readonly units?: readonly string[];
  readonly label: string;
  /** The person who holds it and their unit: what the audit shows beside the token id. */
  readonly holderName?: string;
  readonly holderUnit?: string;
  /** ISO-8601 instant. */
  readonly expiresAt?: string;
}

const DEFAULT_CACHE_TTL_MS = 5_000;
const DEFAULT_UNKNOWN_TOKEN_REFRESH_MS = 1_000;
const MAX_INSTITUTIONS_TRACKED = 10_000;

/**
 * The institutions' tokens: issues and revokes them through the one write
 * path (decide, append with the expected version), and verifies bearer
 * tokens on every request from an in-process cache of each institution's
 * folded access stream, caught up incrementally (only the events after the
 * cached version are read).
 *
 * Its write side has a cache of its own, holding access streams only: so
 * the bound on that cache is the bound on institutions tracked, and no
 * burst of plan or indicator writes can evict the tokens every request
 * checks.
 */
export class AccessDirectory {
  readonly #cache = new StreamCache(MAX_INSTITUTIONS_TRACKED);
  readonly #writeSide: WriteSide;
  readonly #clock: () => Date;
  readonly #ttlMs: number;
  readonly #unknownRefreshMs: number;
  /** When each institution's cached state was last caught up with the store (clock milliseconds). */
  readonly #checkedAt = new Map<string, number>();
  readonly #refreshing = new Map<string, Promise<AccessState>>();

  constructor(store: EventStore, options: AccessDirectoryOptions) {
    this.#writeSide = new WriteSide(store, this.#cache);
    this.#clock = options.clock;
    this.#ttlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.#unknownRefreshMs = options.unknownTokenRefreshMs ?? DEFAULT_UNKNOWN_TOKEN_REFRESH_MS;
  }

  /** Now, by the clock tokens are judged by (their expiry, their revocation). */
  now(): Date {
    return this.#clock();
  }

  /** Who the bearer token is, or why it is refused. Costs a map lookup and one SHA-256 while the cache is warm. */
  async authenticate(bearer: string): Promise<Authentication> {
    const parsed = parseToken(bearer);
    if (parsed === null) return { kind: 'rejected', reason: 'malformed' };
    const now = this.#clock();
    let state = await this.#state(parsed.institutionId, now, this.#ttlMs);
    if (state.tokens[parsed.tokenId] === undefined) {
      state = await this.#state(parsed.institutionId, now, this.#unknownRefreshMs);
    }
    const token = state.tokens[parsed.tokenId];
    if (token === undefined || !secretMatches(parsed.secret, token.secretHash)) return { kind: 'rejected', reason: 'invalid' };
    const status = tokenStatusAt(token, now.toISOString());
    if (status !== 'active') return { kind: 'rejected', reason: status };
    return {
      kind: 'authenticated',
      principal: { institutionId: parsed.institutionId, tokenId: token.tokenId, role: token.role, units: token.units, label: token.label },
    };
  }

  /** Mints a token and records it; the returned `token` is the only copy of its secret. */
  async issue(request: TokenRequest, metadata: CommandMetadata): Promise<IssuedToken> {
    const minted = mintToken(request.institutionId);
    const write = await this.#execute(
      request.institutionId,
      {
        type: 'IssueToken',
        data: {
          institutionId: request.institutionId,
          tokenId: minted.tokenId,
          role: request.role,
          units: [...(request.units ?? [])],
          label: request.label,
          ...(request.holderName === undefined ? {} : { holderName: request.holderName }),
          ...(request.holderUnit === undefined ? {} : { holderUnit: request.holderUnit }),
          secretHash: minted.secretHash,
          issuedAt: metadata.recordedAt,
          ...(request.expiresAt === undefined ? {} : { expiresAt: request.expiresAt }),
        },
      },
      metadata,
    );
    const { state } = await this.#writeSide.readAfter(accessStream(request.institutionId), write);
    const record = state.tokens[minted.tokenId];
    if (record === undefined) throw new Error(`token ${minted.tokenId} was appended but is not in the state after the write`);
    return { token: minted.token, record, write };
  }

  async revoke(institutionId: string, tokenId: string, reason: string, metadata: CommandMetadata): Promise<{ record: TokenRecord; write: WriteResult }> {
    const write = await this.#execute(institutionId, { type: 'RevokeToken', data: { tokenId, reason, revokedAt: metadata.recordedAt } }, metadata);
    const { state } = await this.#writeSide.readAfter(accessStream(institutionId), write);
    const record = state.tokens[tokenId];
    if (record === undefined) throw new Error(`token ${tokenId} was revoked but is not in the state after the write`);
    return { record, write };
  }

  /** The institution's tokens as the store has them now, with the stream version. */
  async read(institutionId: string): Promise<{ version: number; state: AccessState }> {
    const loaded = await this.#writeSide.read(accessStream(institutionId));
    this.#markChecked(institutionId, this.#clock().getTime());
    return loaded;
  }

  async #execute(institutionId: string, command: AccessCommand, metadata: CommandMetadata): Promise<WriteResult> {
    const result = await this.#writeSide.execute(accessStream(institutionId), command, metadata);
    // The write side put the new state in its cache: this process sees the
    // change at once, whatever the TTL.
    this.#markChecked(institutionId, this.#clock().getTime());
    return result;
  }

  async #state(institutionId: string, now: Date, maxAgeMs: number): Promise<AccessState> {
    const stream = accessStream(institutionId);
    const checkedAt = this.#checkedAt.get(institutionId);
    const cached = this.#cache.get<AccessState>(stream.name);
    if (cached !== undefined && checkedAt !== undefined && now.getTime() - checkedAt < maxAgeMs) return cached.state;
    // One read per institution at a time, however many requests wait for it.
    let refreshing = this.#refreshing.get(institutionId);
    if (refreshing === undefined) {
      refreshing = (async () => {
        try {
          const { state } = await this.#writeSide.read(stream);
          this.#markChecked(institutionId, now.getTime());
          return state;
        } finally {
          this.#refreshing.delete(institutionId);
        }
      })();
      this.#refreshing.set(institutionId, refreshing);
    }
    return refreshing;
  }

  #markChecked(institutionId: string, at: number): void {
    this.#checkedAt.delete(institutionId);
    this.#checkedAt.set(institutionId, at);
    if (this.#checkedAt.size > MAX_INSTITUTIONS_TRACKED) {
      const oldest = this.#checkedAt.keys().next().value;
      if (oldest !== undefined) this.#checkedAt.delete(oldest);
    }
  }
}
