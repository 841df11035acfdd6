/**
 * What a reader hands the importer: cells as the file held them, never
 * interpreted. A number cell keeps the exact decimal text the file stored
 * (an XLSX `<v>`), so no float ever stands between the file and the domain;
 * a formula keeps its text and is never evaluated.
 */
export type CellKind = 'text' | 'number' | 'formula' | 'boolean' | 'date' | 'error';

export interface Cell {
  readonly kind: CellKind;
  readonly text: string;
}

export interface SheetRow {
  /** 1-based, as a spreadsheet numbers it (the header is row 1). */
  readonly number: number;
  /** By column position (0-based); a missing cell is undefined. */
  readonly cells: readonly (Cell | undefined)[];
}

export interface SheetTable {
  /** The sheet's name in a workbook; a CSV file has none (''). */
  readonly name: string;
  /** Every row after the first that has any cell; the header row is `rows[0]` when present. */
  readonly rows: readonly SheetRow[];
}

export const textCell = (text: string): Cell => ({ kind: 'text', text });

export type SpreadsheetErrorCode = 'FILE_EMPTY' | 'NOT_A_ZIP' | 'WORKBOOK_UNREADABLE' | 'WORKBOOK_TOO_LARGE_EXPANDED' | 'CSV_UNREADABLE';

/** The file as a whole cannot be read: nothing in it is imported. */
export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';
  constructor(
    readonly code: SpreadsheetErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
