import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The session lives in the cookie itself, sealed with AES-256-GCM: nothing
 * to store server-side, so every API process (two behind a balancer, one
 * restarted) reads the same session as long as they share SESSION_SECRET.
 * What it seals is the bearer token: each request authenticates it again
 * through the access directory, so a revoked or expired token ends every
 * session made with it at once. The cookie is HttpOnly: no script reads it.
 */
export interface Session {
  /** The bearer token the person signed in with. */
  readonly token: string;
  /** Random, per sign-in: what the CSRF token is tied to. */
  readonly sid: string;
  /** Epoch milliseconds after which the session is over, whatever the token says. */
  readonly expiresAt: number;
}

/** Eight hours: a working day, then sign in again. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'smf_session';
/** Before sign-in: ties the sign-in form's CSRF token to this browser. */
export const PRE_SESSION_COOKIE = 'smf_pre';

export class SessionSealer {
  readonly #encryptionKey: Buffer;
  readonly #csrfKey: Buffer;

  constructor(secret: string | undefined) {
    const root = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
    // Two keys from one secret, so a CSRF token never helps to forge a cookie.
    this.#encryptionKey = createHmac('sha256', root).update('semaforo web session v1').digest();
    this.#csrfKey = createHmac('sha256', root).update('semaforo web csrf v1').digest();
  }

  newSession(token: string, now: Date): Session {
    return { token, sid: randomBytes(16).toString('base64url'), expiresAt: now.getTime() + SESSION_LIFETIME_MS };
  }

  seal(session: Session): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
  }

  /** The session in the cookie, or null when it is missing, forged, tampered with, sealed by another key or over. */
  open(cookie: string | undefined, now: Date): Session | null {
    if (cookie === undefined) return null;
    const parts = cookie.split('.');
    if (parts.length !== 3) return null;
    const [iv, tag, body] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
    if (iv.length !== 12 || tag.length !== 16) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, iv);
      decipher.setAuthTag(tag);
      const parsed = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as Partial<Session>;
      if (typeof parsed.token !== 'string' || typeof parsed.sid !== 'string' || typeof parsed.expiresAt !== 'number') return null;
      if (now.getTime() >= parsed.expiresAt) return null;
      return { token: parsed.token, sid: parsed.sid, expiresAt: parsed.expiresAt };
    } catch {
      return null;
    }
  }

  /** The synchronizer token of a session (or of a pre-session id): every form carries it, every POST must send it back. */
  csrfToken(sid: string): string {
    return createHmac('sha256', this.#csrfKey).update(sid).digest('base64url');
  }

  csrfMatches(sid: string, sent: unknown): boolean {
    if (typeof sent !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(sid));
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
