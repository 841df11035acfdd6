import { attachmentDisposition, LATEST_CSV_VERSION, parseCsvVersion, type CsvVersion, type DocumentLanguage } from '@semaforo/documents';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

interface Preference {
  readonly value: string;
  readonly q: number;
}

/** `a, b;q=0.5` → entries with their q-values, in the order given, lower-cased; q=0 entries dropped. */
function preferences(header: string | undefined): Preference[] {
  if (header === undefined) return [];
  const entries: Preference[] = [];
  for (const part of header.split(',')) {
    const [value = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (value.trim() === '' || !Number.isFinite(q) || q <= 0) continue;
    entries.push({ value: value.trim().toLowerCase(), q });
  }
  return entries;
}

function qualityOf(entries: readonly Preference[], matches: (value: string) => boolean): number {
  return entries.filter((entry) => matches(entry.value)).reduce((best, entry) => Math.max(best, entry.q), 0);
}

/**
 * CSV when `format=csv`, or when `Accept` prefers `text/csv` to JSON; JSON
 * otherwise (no Accept, `*\/*`, a tie). `format` wins over `Accept`: a link
 * in a browser or a spreadsheet cannot set headers.
 */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  const entries = preferences(accept);
  const csv = qualityOf(entries, (value) => value === 'text/csv');
  const json = qualityOf(entries, (value) => value === 'application/json' || value === 'application/*' || value === '*/*');
  return csv > json;
}

/** Spanish unless `lang=en`, or unless `Accept-Language` prefers English to Spanish. */
export function reportLanguage(lang: DocumentLanguage | undefined, acceptLanguage: string | undefined): DocumentLanguage {
  if (lang !== undefined) return lang;
  const entries = preferences(acceptLanguage);
  const primary = (value: string) => value.split('-')[0];
  const en = qualityOf(entries, (value) => primary(value) === 'en');
  const es = qualityOf(entries, (value) => primary(value) === 'es');
  return en > es ? 'en' : 'es';
}

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export const csvVersionSchema = z
  .enum(['1', '2', '3'] satisfies readonly `${CsvVersion}`[])
  .optional()
  .describe(
    'CSV format. `3`, the default: version 2, except that a cell which is a negative number and nothing else (`-375`) is ' +
      "written as it is, so a spreadsheet reads it as a number. `2`: starts with a UTF-8 BOM (Excel reads the accents right) and prefixes with `'` every cell " +
      'that starts with `=`, `+`, `-`, `@`, a tab or a CR, so a spreadsheet shows it instead of running it as a formula ' +
      "(negative numbers included: `'-375`). `1`: the format before it, byte for byte (no BOM, nothing prefixed). An old " +
      'download is had again exactly under the version it was written in.',
  );

/** The CSV format asked for: the latest unless `csvVersion` names an older one. */
export function csvVersion(asked: z.infer<typeof csvVersionSchema>): CsvVersion {
  if (asked === undefined) return LATEST_CSV_VERSION;
  const version = parseCsvVersion(asked);
  // The query schema admits only the versions documents writes: a miss here is a bug, not a bad request.
  if (version === null) throw new Error(`csvVersion ${asked} passed the query schema but is not a CSV version`);
  return version;
}

/** What every CSV download carries: its type, and the name a browser saves it under. */
export function csvDownload(reply: FastifyReply, fileName: string): FastifyReply {
  return reply.type(CSV_CONTENT_TYPE).header('content-disposition', attachmentDisposition(fileName));
}
