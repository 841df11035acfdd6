import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SpreadsheetError, type Cell, type SheetRow, type SheetTable } from './sheet-table.js';
import { assertExpandedSizeWithin, isZip, zipEntries } from './zip-directory.js';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A plan's workbook is a few MB expanded; 100 MB leaves room for any real one and none for a bomb. */
export const DEFAULT_MAX_EXPANDED_BYTES = 100 * 1024 * 1024;

export interface ReadXlsxOptions {
  readonly maxExpandedBytes?: number;
}

/**
 * Every sheet of an XLSX workbook, cells as the file holds them. exceljs
 * reads the workbook (sheets, shared and rich strings, formulas, dates);
 * numbers are then taken from the sheet's XML text itself, because exceljs
 * hands them over as JavaScript numbers and the file's digits must reach
 * the domain unchanged. A formula cell is returned as a formula, with its
 * text, and never evaluated (its cached result is not read either). Before
 * anything is expanded, the zip's declared sizes are checked against
 * `maxExpandedBytes`.
 */
export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<SheetTable[]> {
  if (bytes.length === 0) throw new SpreadsheetError('FILE_EMPTY', 'The file is empty.');
  if (!isZip(bytes)) throw new SpreadsheetError('NOT_A_ZIP', 'The file is not an XLSX workbook (not a zip archive).');
  assertExpandedSizeWithin(zipEntries(bytes), options.maxExpandedBytes ?? DEFAULT_MAX_EXPANDED_BYTES);

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let workbook: ExcelJS.Workbook;
  let numbers: Map<string, Map<string, string>>;
  try {
    workbook = new ExcelJS.Workbook();
    // exceljs's declaration predates Node's generic Buffer.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    numbers = await numberTextsBySheet(buffer);
  } catch (error) {
    throw new SpreadsheetError('WORKBOOK_UNREADABLE', `The workbook cannot be read: ${(error as Error).message}`);
  }

  return workbook.worksheets.map((worksheet) => {
    const raw = numbers.get(worksheet.name) ?? new Map<string, string>();
    const rows: SheetRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: (Cell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        const read = cellOf(cell, raw);
        if (read !== undefined) cells[column - 1] = read;
      });
      if (cells.some((c) => c !== undefined && c.text.trim() !== '')) rows.push({ number: rowNumber, cells });
    });
    return { name: worksheet.name, rows };
  });
}

function cellOf(cell: ExcelJS.Cell, numbers: ReadonlyMap<string, string>): Cell | undefined {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return undefined;
    case ExcelJS.ValueType.Number: {
      const text = numbers.get(cell.address);
      // A number exceljs found where the XML has none (cannot happen in a well-formed sheet): refused later as unreadable.
      return { kind: 'number', text: text ?? '' };
    }
    case ExcelJS.ValueType.Formula:
      return { kind: 'formula', text: `=${cell.formula}` };
    case ExcelJS.ValueType.Date: {
      const value = cell.value as Date;
      return { kind: 'date', text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10) };
    }
    case ExcelJS.ValueType.Boolean:
      return { kind: 'boolean', text: cell.value === true ? 'TRUE' : 'FALSE' };
    case ExcelJS.ValueType.Error:
      return { kind: 'error', text: cell.text };
    default:
      return { kind: 'text', text: cell.text };
  }
}

/** Per sheet name, per cell address (`B2`), the text of each plain number cell's `<v>`. */
async function numberTextsBySheet(buffer: Buffer): Promise<Map<string, Map<string, string>>> {
  const zip = await JSZip.loadAsync(buffer);
  const workbookXml = await zip.file('xl/workbook.xml')?.async('string');
  const relsXml = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  const result = new Map<string, Map<string, string>>();
  // exceljs opens any zip, a workbook or not, as a workbook without sheets.
  if (workbookXml === undefined || relsXml === undefined) throw new Error('the zip holds no xl/workbook.xml: it is not an XLSX workbook');

  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attribute(match[1]!, 'Id');
    const target = attribute(match[1]!, 'Target');
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const match of workbookXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attribute(match[1]!, 'name');
    const id = attribute(match[1]!, 'r:id');
    const path = id === undefined ? undefined : targets.get(id);
    if (name === undefined || path === undefined) continue;
    const xml = await zip.file(path)?.async('string');
    if (xml !== undefined) result.set(name, numberCells(xml));
  }
  return result;
}

function numberCells(xml: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const match of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attributes = match[1]!;
    const body = match[2] ?? '';
    const type = attribute(attributes, 't') ?? 'n';
    const address = attribute(attributes, 'r');
    if (type !== 'n' || address === undefined || body.includes('<f')) continue;
    const value = /<v>([^<]*)<\/v>/.exec(body);
    if (value !== null) cells.set(address, value[1]!.trim());
  }
  return cells;
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}="([^"]*)"`).exec(attributes);
  return match === null ? undefined : unescapeXml(match[1]!);
}

const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (entity in named) return named[entity]!;
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
