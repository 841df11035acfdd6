import type { ReportLanguage } from '@semaforo/domain';

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
export function reportLanguage(lang: ReportLanguage | undefined, acceptLanguage: string | undefined): ReportLanguage {
  if (lang !== undefined) return lang;
  const entries = preferences(acceptLanguage);
  const primary = (value: string) => value.split('-')[0];
  const en = qualityOf(entries, (value) => primary(value) === 'en');
  const es = qualityOf(entries, (value) => primary(value) === 'es');
  return en > es ? 'en' : 'es';
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
