/**
 * RFC 4180: a field with a comma, a double quote, CR or LF is wrapped in
 * double quotes and its quotes doubled; records end in CRLF.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
