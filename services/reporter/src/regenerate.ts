import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { documentFileName, evaluationToCsv, summaryToCsv, type CsvVersion, type DocumentLanguage } from '@semaforo/documents';
import { canonicalJson, evaluationCanonicalJson } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import type { AnyKysely } from '@semaforo/sql';

export interface RegenerateOptions {
  readonly planId: string;
  readonly period: string;
  readonly asOf?: string | undefined;
  /** Created if missing. */
  readonly outDir: string;
  readonly language: DocumentLanguage;
  readonly csvVersion: CsvVersion;
}

export interface Regenerated {
  readonly digest: string;
  /** `"<commit>:<prepare>"`. */
  readonly position: string;
  readonly files: { readonly json: string; readonly csv: string; readonly summaryCsv: string; readonly manifest: string | null };
}

/**
 * Writes one evaluation, as the read model answers it at `asOf`, to `<plan>-<period>.json` and two CSV
 * files in the format `csvVersion` names.
 *
 * The JSON file is the evaluation's canonical JSON and nothing else, so its
 * SHA-256 IS the digest: `sha256sum` on the file proves a regeneration
 * identical to a publication without this tool. The position it answered at
 * is returned (and printed by the CLI) rather than written into the file.
 *
 * CSV version 1 writes exactly what this command wrote before version 2 existed (`<plan>-<period>.csv`,
 * `<plan>-<period>-summary.csv`, nothing else), so an old report regenerated under it is the same, file for
 * file and byte for byte. From version 2 on the CSV files have the names the API's downloads have
 * (`evaluacion-<plan>-<period>.csv`, `resumen-<plan>-<period>.csv`, in the report's language), and
 * `<plan>-<period>.manifest.json` records what was written: the CSV version, the language, the position.
 * A report without a manifest is a version 1 report.
 */
export async function regenerate(db: AnyKysely, options: RegenerateOptions): Promise<Regenerated> {
  const { position, evaluation, digest } = await evaluationAsOf(db, options);
  const { planId, period, language, csvVersion } = options;
  await mkdir(options.outDir, { recursive: true });
  const base = `${planId}-${period}`;
  const names =
    csvVersion === 1
      ? { json: `${base}.json`, csv: `${base}.csv`, summaryCsv: `${base}-summary.csv`, manifest: null }
      : {
          json: `${base}.json`,
          csv: documentFileName({ kind: 'evaluation', planId, period }, language),
          summaryCsv: documentFileName({ kind: 'summary', planId, period }, language),
          manifest: `${base}.manifest.json`,
        };
  const at = (name: string) => join(options.outDir, name);
  await writeFile(at(names.json), evaluationCanonicalJson(evaluation), 'utf8');
  await writeFile(at(names.csv), evaluationToCsv(evaluation, language, csvVersion), 'utf8');
  await writeFile(at(names.summaryCsv), summaryToCsv(evaluation, language, csvVersion), 'utf8');
  const logPosition = formatLogPosition(position);
  if (names.manifest !== null) {
    const manifest = {
      planId,
      period,
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
      position: logPosition,
      digest,
      language,
      csvVersion,
      files: { evaluation: names.json, evaluationCsv: names.csv, summaryCsv: names.summaryCsv },
    };
    await writeFile(at(names.manifest), `${canonicalJson(manifest)}\n`, 'utf8');
  }
  const files = {
    json: at(names.json),
    csv: at(names.csv),
    summaryCsv: at(names.summaryCsv),
    manifest: names.manifest === null ? null : at(names.manifest),
  };
  return { digest, position: logPosition, files };
}
