import { SpreadsheetError } from './sheet-table.js';

/** What a zip's central directory declares about one entry, read without expanding anything. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const ZIP64_MARK = 0xffffffff;

export const isZip = (bytes: Uint8Array): boolean => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * The entries a zip declares, from its central directory at the end of the
 * file. An XLSX is a zip; a zip bomb is one whose entries expand to far more
 * than any workbook, and the declared sizes say so before a byte is
 * inflated. A Zip64 size (more than 4 GiB) is refused outright: no plan's
 * workbook comes near it.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end === undefined) throw new SpreadsheetError('NOT_A_ZIP', 'The file is not an XLSX workbook (not a zip archive).');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL) {
      throw new SpreadsheetError('WORKBOOK_UNREADABLE', 'The workbook is damaged: its zip directory cannot be read.');
    }
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK) {
      throw new SpreadsheetError('WORKBOOK_TOO_LARGE_EXPANDED', `The workbook's entry ${name} declares more than 4 GiB.`, { entry: name });
    }
    entries.push({ name, compressedSize, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number | undefined {
  // The record is 22 bytes plus a comment of at most 65,535.
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 65_535; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return undefined;
}

/** Refuses a workbook whose entries together declare more than `limit` bytes once expanded. */
export function assertExpandedSizeWithin(entries: readonly ZipEntry[], limit: number): void {
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > limit) {
    throw new SpreadsheetError(
      'WORKBOOK_TOO_LARGE_EXPANDED',
      `The workbook would expand to ${total} bytes, more than the ${limit} allowed; it was not opened.`,
      { expandedBytes: total, limit },
    );
  }
}
