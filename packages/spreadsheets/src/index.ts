export { WORKBOOK_LAYOUT, columnOfHeader, sheetLayout, sheetOfName, type ColumnLayout, type SheetKey, type SheetLayout } from './workbook-layout.js';
export {
  NO_DATA_WORD,
  columnWords,
  planWorkbook,
  type PlanWorkbook,
  type PlanWorkbookOptions,
  type WorkbookCell,
  type WorkbookSheet,
} from './plan-workbook.js';
export { planWorkbookToXlsx, XLSX_CONTENT_TYPE, type XlsxOptions } from './write-xlsx.js';
export { planSheetToCsv } from './write-sheet-csv.js';
export { canonicalDecimal, decimalText, exactSpreadsheetNumber, type WorkbookLanguage } from './workbook-number.js';
