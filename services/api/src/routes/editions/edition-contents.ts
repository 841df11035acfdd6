import { createHash } from 'node:crypto';
import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

// Any constant works; the same in every process that creates the table.
const CREATE_LOCK = '7120263543109472211';

const created = new WeakMap<AnyKysely, Promise<void>>();
const kept = new WeakMap<AnyKysely, EditionContents>();

/**
 * Bytes this process already read or wrote, by digest: a digest names its
 * bytes forever, so nothing here ever goes stale, and reading an edition
 * of a thousand indicators (a megabyte) is then no database round trip.
 * Bounded by size; the least recently used go first.
 */
const CACHE_BYTES = 64 * 1024 * 1024;

/** An edition's content as text (to parse) and as the UTF-8 bytes a response sends, encoded once. */
export interface EditionContent {
  readonly text: string;
  readonly bytes: Buffer;
}

const content = (text: string): EditionContent => ({ text, bytes: Buffer.from(text, 'utf8') });

class BytesCache {
  readonly #entries = new Map<string, EditionContent>();
  #size = 0;

  get(digest: string): EditionContent | undefined {
    const body = this.#entries.get(digest);
    if (body !== undefined) {
      this.#entries.delete(digest);
      this.#entries.set(digest, body);
    }
    return body;
  }

  set(digest: string, body: EditionContent): void {
    const size = body.text.length + body.bytes.length;
    if (this.#entries.has(digest) || size > CACHE_BYTES) return;
    this.#entries.set(digest, body);
    this.#size += size;
    for (const [oldest, value] of this.#entries) {
      if (this.#size <= CACHE_BYTES) break;
      this.#entries.delete(oldest);
      this.#size -= value.text.length + value.bytes.length;
    }
  }
}

/**
 * The bytes of every published edition, by digest, in the read-model
 * database. Content-addressed and insert-only: a digest names its bytes
 * (SHA-256), so a row is written once and never changes, two editions with
 * the same content share it, and a reader checks what it got against the
 * digest the edition's event recorded. Not a projection: the bytes are the
 * publish route's own evaluation, kept so that reading an edition costs a
 * lookup instead of an evaluation. A read-model database without them (a
 * fresh one, a rebuild elsewhere) loses nothing: the edition's event has
 * its position and digest, and the bytes are regenerated from there.
 */
export interface EditionContents {
  put(digest: string, body: string): Promise<void>;
  /** The bytes whose SHA-256 is `digest`, or null when not kept here. */
  get(digest: string): Promise<EditionContent | null>;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The contents of the editions in `db`, one instance (and one cache) per database handle. */
export function editionContents(db: AnyKysely): EditionContents {
  let contents = kept.get(db);
  if (contents === undefined) {
    contents = sqlEditionContents(db, new BytesCache());
    kept.set(db, contents);
  }
  return contents;
}

function sqlEditionContents(db: AnyKysely, cache: BytesCache): EditionContents {
  const ready = async () => {
    let promise = created.get(db);
    if (promise === undefined) {
      promise = createTable(db);
      created.set(db, promise);
      // A failed creation (database down) is retried by the next request, not remembered.
      promise.catch(() => created.delete(db));
    }
    await promise;
  };
  return {
    async put(digest, body) {
      if (cache.get(digest) !== undefined) return;
      await ready();
      await sql`INSERT INTO evaluation_edition_contents (digest, body) VALUES (${digest}, ${body}) ON CONFLICT (digest) DO NOTHING`.execute(db);
      cache.set(digest, content(body));
    },
    async get(digest) {
      const cached = cache.get(digest);
      if (cached !== undefined) return cached;
      await ready();
      const { rows } = await sql<{ body: string }>`SELECT body FROM evaluation_edition_contents WHERE digest = ${digest}`.execute(db);
      const body = rows[0]?.body;
      // Whatever changed a row (a hand edit, a broken disk) is not an edition: regenerate instead of answering it.
      if (body === undefined || sha256Hex(body) !== digest) return null;
      const kept = content(body);
      cache.set(digest, kept);
      return kept;
    },
  };
}

async function createTable(db: AnyKysely): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Several processes may start at once: CREATE ... IF NOT EXISTS alone can still race on PostgreSQL's catalogs.
    await sql`SELECT pg_advisory_xact_lock(${CREATE_LOCK}::bigint)`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS evaluation_edition_contents (digest text PRIMARY KEY, body text NOT NULL)`.execute(trx);
  });
}
