export { WORKBOOK_LAYOUT, columnOfHeader, sheetLayout, sheetOfName, type ColumnLayout, type SheetKey, type SheetLayout } from './workbook-layout.js';
