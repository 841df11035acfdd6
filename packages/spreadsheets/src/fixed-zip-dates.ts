import JSZip from 'jszip';

/**
 * The same zip with every entry stamped `date`. exceljs packs a workbook
 * with JSZip, which stamps each entry with the moment it was written: two
 * writes of the same workbook differ in those bytes alone. Re-packed with one
 * date (DOS time, two-second resolution, read as UTC), the same content in
 * the same entry order gives the same bytes (JSZip's DEFLATE is deterministic).
 */
export async function withFixedZipDates(zip: Uint8Array, date: Date): Promise<Buffer> {
  const source = await JSZip.loadAsync(zip);
  const fixed = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    fixed.file(entry.name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return fixed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
