import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A bearer token reads `smf_<institution>.<token id>.<secret>`:
 * - `smf_` tells people and secret scanners what it is;
 * - the institution and the id say where to look it up, without a table
 *   that maps every token to its institution;
 * - the secret is 32 random bytes (base64url, 43 characters). Only its
 *   SHA-256 is stored. A fast hash is enough for 256 random bits: stretching
 *   (bcrypt, scrypt) protects guessable passwords, and would make every
 *   request pay for it.
 */
const TOKEN = /^smf_([a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?)\.([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export interface ParsedToken {
  readonly institutionId: string;
  readonly tokenId: string;
  readonly secret: string;
}

export interface MintedToken extends ParsedToken {
  /** The whole bearer token: shown once to whoever asked for it, never stored, never logged. */
  readonly token: string;
  readonly secretHash: string;
}

export function mintToken(institutionId: string): MintedToken {
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { institutionId, tokenId, secret, token: `smf_${institutionId}.${tokenId}.${secret}`, secretHash: hashSecret(secret) };
}

/** Null when the text is not shaped like one of our tokens. */
export function parseToken(text: string): ParsedToken | null {
  const match = TOKEN.exec(text);
  if (match === null) return null;
  const [, institutionId = '', tokenId = '', secret = ''] = match;
  return { institutionId, tokenId, secret };
}

export function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/** Compares in constant time, so response times say nothing about how much of a guess was right. */
export function secretMatches(secret: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'utf8');
  const actual = Buffer.from(hashSecret(secret), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * The token from an `Authorization` header: `Bearer <token>` (scheme
 * case-insensitive, RFC 7235). Undefined when there is no such header;
 * null when there is one we cannot read.
 */
export function bearerTokenOf(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1] ?? null;
}
