/**
 * The CSV formats a document can be written in. A format, once published, never changes: a file
 * regenerated under the version it was first written in is the same, byte for byte.
 *
 * - `1`: RFC 4180 (a field with a comma, a double quote, CR or LF is wrapped in double quotes and
 *   its quotes doubled), UTF-8 without a BOM, records ending in CRLF.
 * - `2`: version 1, starting with a UTF-8 BOM (so Excel reads the accents as UTF-8), and every cell
 *   that begins with `=`, `+`, `-`, `@`, a tab or a CR prefixed with `'` before it is quoted, so a
 *   spreadsheet shows it as text instead of running it as a formula (OWASP's CSV injection rule).
 *   The rule is textual: a negative number (`-375`) is written `'-375` too.
 * - `3`: version 2, except that a cell which is a negative decimal number and nothing else (`-375`,
 *   `-0.5`, or `-0,5` as a Spanish workbook writes it: a minus, digits, at most one point or comma
 *   between digits) is written as it is, so a spreadsheet reads a negative target or result as a number. Such a cell can run nothing: it has no operator
 *   after the sign, no reference, no function. Anything else that starts with `-` (`-1+2`, `-7/6`,
 *   `- revisado`) is still prefixed.
 */
export type CsvVersion = 1 | 2 | 3;

export const CSV_VERSIONS: readonly CsvVersion[] = [1, 2, 3];

/** What a new download gets. */
export const LATEST_CSV_VERSION: CsvVersion = 3;

/** An empty cell is `null` or `''`; both are written as nothing. */
export type CsvCell = string | null;

/** `"1"` → 1; null for anything that is not a version. */
export function parseCsvVersion(text: string): CsvVersion | null {
  return CSV_VERSIONS.find((version) => String(version) === text) ?? null;
}

const BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;

// OWASP, "CSV Injection": a spreadsheet treats a cell starting with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

const NEGATIVE_NUMBER = /^-\d+(?:[.,]\d+)?$/;

function neutralised(value: string, version: CsvVersion): boolean {
  if (version < 2 || !FORMULA_START.test(value)) return false;
  return version === 2 || !NEGATIVE_NUMBER.test(value);
}

function csvField(value: CsvCell, version: CsvVersion): string {
  if (value === null) return '';
  const text = neutralised(value, version) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Records in, file content out: each record's cells joined by commas, ended in CRLF. An empty
 * record is an empty line (how two tables share one file).
 */
export function writeCsv(records: readonly (readonly CsvCell[])[], version: CsvVersion): string {
  const body = records.map((fields) => `${fields.map((field) => csvField(field, version)).join(',')}\r\n`).join('');
  return version >= 2 ? BOM + body : body;
}
