import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluationCanonicalJson, evaluationToCsv, summaryToCsv, type ReportLanguage } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import type { Kysely } from 'kysely';

export interface RegenerateOptions {
  readonly planId: string;
  readonly period: string;
  readonly asOf?: string | undefined;
  /** Created if missing. */
  readonly outDir: string;
  readonly language: ReportLanguage;
}

export interface Regenerated {
  readonly digest: string;
  /** `"<commit>:<prepare>"`. */
  readonly position: string;
  readonly files: { readonly json: string; readonly csv: string; readonly summaryCsv: string };
}

/**
 * Writes one evaluation, as the read model answers it at `asOf`, to
 * `<plan>-<period>.json`, `<plan>-<period>.csv` and `<plan>-<period>-summary.csv`.
 *
 * The JSON file is the evaluation's canonical JSON and nothing else, so its
 * SHA-256 IS the digest: `sha256sum` on the file proves a regeneration
 * identical to a publication without this tool. The position it answered at
 * is returned (and printed by the CLI) rather than written into the file.
 */
export async function regenerate(db: Kysely<any>, options: RegenerateOptions): Promise<Regenerated> {
  const { position, evaluation, digest } = await evaluationAsOf(db, options);
  await mkdir(options.outDir, { recursive: true });
  const base = join(options.outDir, `${options.planId}-${options.period}`);
  const files = { json: `${base}.json`, csv: `${base}.csv`, summaryCsv: `${base}-summary.csv` };
  await writeFile(files.json, evaluationCanonicalJson(evaluation), 'utf8');
  await writeFile(files.csv, evaluationToCsv(evaluation, options.language), 'utf8');
  await writeFile(files.summaryCsv, summaryToCsv(evaluation, options.language), 'utf8');
  return { digest, position: formatLogPosition(position), files };
}
