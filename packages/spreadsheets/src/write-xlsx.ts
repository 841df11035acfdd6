import ExcelJS from 'exceljs';
import { columnWords, type PlanWorkbook, type WorkbookCell } from './plan-workbook.js';
import { withFixedZipDates } from './fixed-zip-dates.js';
import { decimalText, exactSpreadsheetNumber, type WorkbookLanguage } from './workbook-number.js';

export interface XlsxOptions {
  /** The workbook's created and modified dates, and every zip entry's: fixed, so the same workbook is the same bytes. */
  readonly date: Date;
}

/** Rows below the last one that still offer the lists of words, for whoever adds rows to a template. */
const SPARE_ROWS = 500;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

const VALIDATION_TEXT: Readonly<Record<WorkbookLanguage, { readonly title: string; readonly error: string }>> = {
  es: { title: 'Valor no previsto', error: 'Elija un valor de la lista (también se aceptan sus nombres en inglés).' },
  en: { title: 'Unexpected value', error: 'Pick a value from the list (its Spanish names are accepted too).' },
};

/** exceljs 4.4 keeps a sheet's validations by range here (one `<dataValidation sqref>`), but its typings only declare the per-cell one. */
const validationsOf = (worksheet: ExcelJS.Worksheet) =>
  (worksheet as unknown as { readonly dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

function cellValue(cell: WorkbookCell, language: WorkbookLanguage): string | number | null {
  if (cell === null || typeof cell === 'string') return cell;
  return exactSpreadsheetNumber(cell.decimal) ?? decimalText(cell.decimal, language);
}

function shownLength(value: string | number | null): number {
  return value === null ? 0 : String(value).length;
}

/**
 * The workbook as XLSX: one worksheet per sheet, named and headed in the
 * workbook's language; the header row bold and frozen, filters on, columns
 * as wide as their longest cell (within bounds), and each column of
 * enumerated values offering its words as a list (a warning, not a refusal:
 * the other language's words and the catalog's spellings are read too).
 * A decimal is a number where the number keeps it exactly, text otherwise.
 * A text that looks like a formula is a string cell, never a formula.
 */
export async function planWorkbookToXlsx(workbook: PlanWorkbook, options: XlsxOptions): Promise<Buffer> {
  const { language } = workbook;
  const book = new ExcelJS.Workbook();
  book.creator = 'Semáforo';
  book.lastModifiedBy = 'Semáforo';
  book.created = options.date;
  book.modified = options.date;
  for (const sheet of workbook.sheets) {
    const { layout } = sheet;
    const worksheet = book.addWorksheet(layout[language], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    const rows = sheet.rows.map((row) => row.map((cell) => cellValue(cell, language)));
    worksheet.columns = layout.columns.map((column, index) => {
      const longest = rows.reduce((width, row) => Math.max(width, shownLength(row[index] ?? null)), column[language].length);
      return { header: column[language], key: column.key, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2)) };
    });
    worksheet.getRow(1).font = { bold: true };
    worksheet.addRows(rows);
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: layout.columns.length } };
    layout.columns.forEach((column, index) => {
      const words = columnWords(layout.key, column.key, language);
      if (words === undefined) return;
      const letter = worksheet.getColumn(index + 1).letter;
      validationsOf(worksheet).add(`${letter}2:${letter}${rows.length + 1 + SPARE_ROWS}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${words.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: VALIDATION_TEXT[language].title,
        error: VALIDATION_TEXT[language].error,
      });
    });
  }
  const packed = await book.xlsx.writeBuffer();
  return withFixedZipDates(new Uint8Array(packed), options.date);
}
