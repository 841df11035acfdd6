export type TextEncodingName = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The text of a CSV as its author's program saved it: UTF-8 (with or without
 * the BOM Excel writes), else Windows-1252, what Excel in Spanish saves as
 * "CSV" (a superset of Latin-1 for every printable character). Bytes that
 * are not valid UTF-8 can only be a single-byte encoding here, so the test
 * is strict UTF-8 first.
 */
export function decodeText(bytes: Uint8Array): { readonly text: string; readonly encoding: TextEncodingName } {
  if (bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b)) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
