import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { decodeText, type TextEncodingName } from './decode-text.js';
import { SpreadsheetError, textCell, type SheetRow } from './sheet-table.js';

export interface CsvFile {
  readonly encoding: TextEncodingName;
  readonly separator: ',' | ';';
  /** Rows as they come, the header first; an all-empty row is skipped but still counted. */
  readonly rows: AsyncIterable<SheetRow>;
}

/**
 * A CSV as Excel, LibreOffice or a script saves it: UTF-8 with or without
 * BOM or Windows-1252, `,` or `;` between cells (Excel in Spanish writes
 * `;`, because `,` is its decimal separator), LF or CRLF, quoted cells with
 * separators and line breaks inside. Every cell is text: numbers are read
 * later, by the declared locale. Rows are streamed, so a long file is never
 * held twice in memory.
 */
export function readCsv(bytes: Uint8Array): CsvFile {
  if (bytes.length === 0) throw new SpreadsheetError('FILE_EMPTY', 'The file is empty.');
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new SpreadsheetError('FILE_EMPTY', 'The file is empty.');
  const separator = separatorOf(text);
  return { encoding, separator, rows: csvRows(text, separator) };
}

async function* csvRows(text: string, separator: ',' | ';'): AsyncGenerator<SheetRow> {
  const parser = parse({ delimiter: separator, relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] });
  // Fed in slices through a pipe, so the parser waits for rows to be taken (all at once, it would buffer every row).
  Readable.from(slices(text)).pipe(parser);
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      number += 1;
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { number, cells: record.map((cell) => (cell === '' ? undefined : textCell(cell))) };
    }
  } catch (error) {
    // csv-parse's own errors (an unclosed quote) name the line: say it as ours.
    const line = (error as { lines?: unknown }).lines;
    throw new SpreadsheetError('CSV_UNREADABLE', `The CSV cannot be read after row ${number}: ${(error as Error).message}`, {
      row: number + 1,
      ...(typeof line === 'number' ? { line } : {}),
    });
  }
}

/** The separator of the first line (the header, which never holds either character inside a name). */
function separatorOf(text: string): ',' | ';' {
  const end = text.search(/\r|\n/);
  const first = end === -1 ? text : text.slice(0, end);
  const count = (character: string) => first.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function* slices(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += SLICE) yield text.slice(at, at + SLICE);
}

const SLICE = 64 * 1024;
