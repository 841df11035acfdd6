import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/*
 * The COPY ceiling needs the driver itself: COPY … FROM STDIN is a
 * streaming sub-protocol that the SqlClient interface does not (and should
 * not) offer. pg stays inside this file.
 */

/** A row of the events table as COPY text fields, in CEILING_COLUMNS order. */
export type CopyRow = readonly [string, number, string, string, string, string, string, string];

/** COPY's text format: backslash, tab, newline and carriage return escaped. */
const escapeField = (value: string): string => (/[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value);

export function copyText(rows: readonly CopyRow[]): Buffer {
  let text = '';
  for (const row of rows) text += `${row.map((field) => escapeField(String(field))).join('\t')}\n`;
  return Buffer.from(text, 'utf8');
}

/** One connection of the same driver (pg), used for COPY only. */
export class CopyConnection {
  readonly #client: pg.Client;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(connectionString: string): Promise<CopyConnection> {
    const client = new pg.Client({ connectionString, application_name: 'semaforo-bench-copy' });
    await client.connect();
    return new CopyConnection(client);
  }

  /** Streams already serialized COPY text into `table (columns)`; resolves when the server has committed it. */
  async copy(table: string, columns: string, text: Buffer): Promise<void> {
    const stream = this.#client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(text);
    });
  }

  close(): Promise<void> {
    return this.#client.end();
  }
}
