export { WORKBOOK_LAYOUT, columnOfHeader, sheetLayout, sheetOfName, type ColumnLayout, type SheetKey, type SheetLayout } from './workbook-layout.js';
export { SpreadsheetError, textCell, type Cell, type CellKind, type SheetRow, type SheetTable, type SpreadsheetErrorCode } from './sheet-table.js';
export { decodeText, type TextEncodingName } from './decode-text.js';
export { readCsv, type CsvFile } from './read-csv.js';
export { readXlsx, DEFAULT_MAX_EXPANDED_BYTES, XLSX_MEDIA_TYPE, type ReadXlsxOptions } from './read-xlsx.js';
export { NUMBER_LOCALES, parseNumberCell, parseNumberText, type NumberLocale, type NumberReading } from './parse-number.js';
export { exactDecimalOfNumberText } from './exact-decimal.js';
export { zipEntries, assertExpandedSizeWithin, isZip, type ZipEntry } from './zip-directory.js';
export {
  NO_DATA_WORD,
  columnWords,
  planWorkbook,
  type PlanWorkbook,
  type PlanWorkbookOptions,
  type WorkbookCell,
  type WorkbookSheet,
} from './plan-workbook.js';
export { planWorkbookToXlsx, type XlsxOptions } from './write-xlsx.js';
export { planSheetToCsv } from './write-sheet-csv.js';
export { decimalText, exactSpreadsheetNumber, type WorkbookLanguage } from './workbook-number.js';
export { canonicalDecimal } from './exact-decimal.js';
