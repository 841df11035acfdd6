import { LATEST_CSV_VERSION, writeCsv, type CsvVersion } from '@semaforo/documents';
import type { PlanWorkbook } from './plan-workbook.js';
import type { SheetKey } from './workbook-layout.js';
import { decimalText } from './workbook-number.js';

/**
 * One sheet of the workbook as CSV (a CSV file holds one sheet, recognised
 * by its headers): the headers in the workbook's language, decimals in its
 * separator (`0,5` in Spanish, `0.5` in English, what the importer reads
 * with the same `locale`), in the documents' CSV format (`LATEST_CSV_VERSION`
 * unless another is named: a BOM, formula-like text neutralised, negative
 * numbers left as numbers).
 */
export function planSheetToCsv(workbook: PlanWorkbook, sheet: SheetKey, version: CsvVersion = LATEST_CSV_VERSION): string {
  const { language } = workbook;
  const found = workbook.sheets.find((s) => s.layout.key === sheet);
  if (found === undefined) throw new RangeError(`the workbook has no sheet ${sheet}`);
  const header = found.layout.columns.map((column) => column[language]);
  const rows = found.rows.map((row) => row.map((cell) => (cell === null || typeof cell === 'string' ? cell : decimalText(cell.decimal, language))));
  return writeCsv([header, ...rows], version);
}
