import { DomainError, evaluationCanonicalJson } from '@semaforo/domain';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import type { AnyKysely } from '@semaforo/sql';
import { editionContents, sha256Hex, type EditionContent } from './edition-contents.js';
import type { PublishedEdition } from './edition-view.js';

/**
 * An edition's bytes: the kept ones, or, when this read-model database does
 * not have them (rebuilt, or fresh), the evaluation as of the edition's
 * position regenerated, checked against the digest its event recorded, and
 * kept. The as-of read is deterministic to the byte, so a regenerated
 * edition equals the one published; a mismatch means the read model does
 * not say what the log says, and is answered as the error it is, never as
 * an edition.
 */
export async function editionBytes(db: AnyKysely, planId: string, { data }: PublishedEdition): Promise<EditionContent> {
  const contents = editionContents(db);
  const kept = await contents.get(data.digest);
  if (kept !== null) return kept;
  const { evaluation } = await evaluationAsOf(db, { planId, period: data.period, asOf: data.position });
  const body = evaluationCanonicalJson(evaluation);
  if (sha256Hex(body) !== data.digest) {
    throw new DomainError(
      'EDITION_CONTENT_MISMATCH',
      `The evaluation regenerated at ${data.position} does not match the digest edition ${data.edition} recorded; the read model needs checking (pnpm report verify).`,
      { planId, period: data.period, edition: data.edition, position: data.position, digest: data.digest },
    );
  }
  await contents.put(data.digest, body);
  return (await contents.get(data.digest)) ?? { text: body, bytes: Buffer.from(body, 'utf8') };
}
