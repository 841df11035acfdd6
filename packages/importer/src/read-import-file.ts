import {
  WORKBOOK_LAYOUT,
  columnOfHeader,
  readCsv,
  readXlsx,
  sheetOfName,
  SpreadsheetError,
  type Cell,
  type ColumnLayout,
  type SheetLayout,
  type SheetRow,
} from '@semaforo/spreadsheets';
import { conflictMessage, type ImportConflict } from './import-conflict.js';
import type { ImportFormat, ImportLanguage } from './import-options.js';

/** A row of a recognised sheet: its cells by column key, with the header each came under. */
export interface LayoutRow {
  readonly number: number;
  readonly values: ReadonlyMap<string, { readonly cell: Cell; readonly header: string }>;
}

export interface ImportSheet {
  readonly layout: SheetLayout;
  /** As named in the file ('' for a CSV). */
  readonly name: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly rows: AsyncIterable<LayoutRow>;
}

export interface ImportFile {
  readonly sheets: readonly ImportSheet[];
  /** What keeps the file as a whole, or a sheet, from being imported. */
  readonly conflicts: readonly ImportConflict[];
  /** Workbook sheets that name no sheet of the layout (instructions, notes): left alone. */
  readonly ignoredSheets: readonly string[];
}

export interface ReadImportFileOptions {
  readonly language: ImportLanguage;
  readonly maxExpandedBytes?: number;
}

/**
 * The file's sheets in the workbook layout's order (units before the
 * indicators that name them, indicators before their targets), each row's
 * cells by column key. A CSV holds one sheet, recognised by its headers.
 * A header the sheet does not have, a header twice or a required column
 * missing keeps the whole sheet out (a conflict naming it): rows read under
 * wrong headers would put values in the wrong fields.
 */
export async function readImportFile(bytes: Uint8Array, format: ImportFormat, options: ReadImportFileOptions): Promise<ImportFile> {
  const { language } = options;
  const conflicts: ImportConflict[] = [];
  const fileConflict = (error: SpreadsheetError, sheet = '', row = 0): ImportConflict => ({
    sheet,
    row,
    column: '',
    cell: '',
    code: error.code,
    message: conflictMessage(error.code, language, paramsOf(error.details), error.message),
  });

  let tables: { name: string; rows: AsyncIterable<SheetRow> | Iterable<SheetRow> }[];
  try {
    tables = format === 'csv' ? [{ name: '', rows: readCsv(bytes).rows }] : await readXlsx(bytes, options);
  } catch (error) {
    if (error instanceof SpreadsheetError) return { sheets: [], conflicts: [fileConflict(error)], ignoredSheets: [] };
    throw error;
  }

  const sheets: ImportSheet[] = [];
  const ignoredSheets: string[] = [];
  for (const table of tables) {
    const iterator = toAsyncIterator(table.rows);
    let first: IteratorResult<SheetRow>;
    try {
      first = await iterator.next();
    } catch (error) {
      if (error instanceof SpreadsheetError) {
        conflicts.push(fileConflict(error, table.name, 1));
        continue;
      }
      throw error;
    }
    if (first.done === true) {
      if (format === 'csv') conflicts.push({ sheet: '', row: 0, column: '', cell: '', code: 'FILE_EMPTY', message: conflictMessage('FILE_EMPTY', language) });
      continue;
    }
    const headerTexts = first.value.cells.map((cell) => (cell?.text ?? '').trim());
    const layout = format === 'csv' ? layoutOfHeaders(headerTexts) : sheetOfName(table.name);
    if (layout === undefined) {
      if (format === 'csv') {
        conflicts.push({
          sheet: '',
          row: 1,
          column: '',
          cell: headerTexts.join(' | '),
          code: 'UNRECOGNISED_SHEET',
          message: conflictMessage('UNRECOGNISED_SHEET', language),
        });
      } else {
        ignoredSheets.push(table.name);
      }
      continue;
    }
    const mapped = mapHeaders(layout, headerTexts, table.name, language);
    if (mapped.conflicts.length > 0) {
      conflicts.push(...mapped.conflicts);
      continue;
    }
    const sheetConflicts = conflicts;
    sheets.push({
      layout,
      name: table.name,
      headers: new Map(mapped.columns.flatMap((column, i) => (column === undefined ? [] : [[column.key, headerTexts[i]!] as const]))),
      rows: layoutRows(first.value.number, iterator, mapped.columns, headerTexts, (error) => sheetConflicts.push(fileConflict(error, table.name))),
    });
  }
  sheets.sort((a, b) => WORKBOOK_LAYOUT.indexOf(a.layout) - WORKBOOK_LAYOUT.indexOf(b.layout));
  return { sheets, conflicts, ignoredSheets };
}

async function* layoutRows(
  headerRow: number,
  iterator: AsyncIterator<SheetRow>,
  columns: readonly (ColumnLayout | undefined)[],
  headers: readonly string[],
  onUnreadable: (error: SpreadsheetError) => void,
): AsyncGenerator<LayoutRow> {
  for (;;) {
    let next: IteratorResult<SheetRow>;
    try {
      next = await iterator.next();
    } catch (error) {
      // A CSV that cannot be read past some row: that row and the rest are not imported, and the conflict says from where.
      if (error instanceof SpreadsheetError) {
        onUnreadable(error);
        return;
      }
      throw error;
    }
    if (next.done === true) return;
    const row = next.value;
    if (row.number <= headerRow) continue;
    const values = new Map<string, { cell: Cell; header: string }>();
    row.cells.forEach((cell, i) => {
      const column = columns[i];
      if (cell === undefined || column === undefined || column.informative === true) return;
      if (cell.kind === 'text' && cell.text.trim() === '') return;
      values.set(column.key, { cell, header: headers[i]! });
    });
    yield { number: row.number, values };
  }
}

function mapHeaders(layout: SheetLayout, headers: readonly string[], sheet: string, language: ImportLanguage) {
  const conflicts: ImportConflict[] = [];
  const columns: (ColumnLayout | undefined)[] = [];
  const seen = new Set<string>();
  const sheetName = layout[language];
  headers.forEach((header, i) => {
    if (header === '') return;
    const column = columnOfHeader(layout, header);
    if (column === undefined) {
      const known = layout.columns.map((c) => c[language]).join(', ');
      conflicts.push({
        sheet,
        row: 1,
        column: header,
        cell: header,
        code: 'UNKNOWN_HEADER',
        message: conflictMessage('UNKNOWN_HEADER', language, { column: header, sheet: sheetName, known }),
      });
      return;
    }
    if (seen.has(column.key)) {
      conflicts.push({
        sheet,
        row: 1,
        column: header,
        cell: header,
        code: 'DUPLICATE_HEADER',
        message: conflictMessage('DUPLICATE_HEADER', language, { column: header }),
      });
      return;
    }
    seen.add(column.key);
    columns[i] = column;
  });
  for (const column of layout.columns) {
    if (column.required && !seen.has(column.key)) {
      conflicts.push({
        sheet,
        row: 1,
        column: column[language],
        cell: '',
        code: 'MISSING_COLUMN',
        message: conflictMessage('MISSING_COLUMN', language, { column: column[language], sheet: sheetName }),
      });
    }
  }
  return { columns, conflicts };
}

/**
 * The sheet a CSV's headers are of: the one that knows every header and
 * has every required column, and of those the one using most of its
 * columns (Units over Perspectives when "Clase de área" is there). When
 * none fits, the one knowing most headers, so the conflicts name what to fix.
 */
function layoutOfHeaders(headers: readonly string[]): SheetLayout | undefined {
  const present = headers.filter((h) => h !== '');
  let best: { layout: SheetLayout; fits: boolean; known: number } | undefined;
  for (const layout of WORKBOOK_LAYOUT) {
    const known = present.filter((h) => columnOfHeader(layout, h) !== undefined).length;
    const required = layout.columns.filter((c) => c.required).every((c) => present.some((h) => columnOfHeader(layout, h) === c));
    const fits = required && known === present.length;
    if (known === 0) continue;
    if (best === undefined || (fits && !best.fits) || (fits === best.fits && known > best.known)) best = { layout, fits, known };
  }
  return best?.layout;
}

function toAsyncIterator<T>(rows: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in rows) return rows[Symbol.asyncIterator]();
  const sync = rows[Symbol.iterator]();
  return { next: () => Promise.resolve(sync.next()) };
}

const paramsOf = (details: Readonly<Record<string, unknown>>): Record<string, string | number> =>
  Object.fromEntries(
    Object.entries(details).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
  );
