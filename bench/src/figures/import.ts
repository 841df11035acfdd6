import { canonicalJson, createSqlEventStore } from '@semaforo/event-store';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset, type DecidedEvent } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { appendBatches, groupByStream, take, type StreamBatch } from '../dataset/import-events.js';
import { CEILING_COLUMNS, openBenchDatabase, type Driver } from '../harness/bench-database.js';
import { copyText, type CopyValue } from '@semaforo/sql';
import { CpuTotal, sampleCpu } from '../harness/cpu-meter.js';
import { figure, type Report } from '../harness/report.js';

export interface ImportOptions {
  readonly driver: Driver;
  readonly seed: number;
  /** Events to import: 100,000 (quick) or 1,000,000 (full). */
  readonly events: number;
  /** Events per append call and per ceiling INSERT statement. */
  readonly batchSize: number;
  /** Events per alternation of import and ceilings. */
  readonly sliceSize: number;
}

/** A row of the events table, in CEILING_COLUMNS order. */
type CopyRow = readonly [string, number, string, string, string, string, string, string];

const COPY_TARGET = { table: 'bench_copy_events', columns: CEILING_COLUMNS.split(', ') };
const COPY_CELLS = COPY_TARGET.columns.map(
  (_, i) =>
    (row: CopyRow): CopyValue =>
      row[i]!,
);

const INSERT_UNNEST = `INSERT INTO bench_ceiling_events (${CEILING_COLUMNS})
SELECT * FROM unnest($1::text[], $2::int[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[])`;

const INSERT_JSON = `INSERT INTO bench_json_events (${CEILING_COLUMNS})
SELECT s, v, i, t, d, m, h, p FROM jsonb_to_recordset($1::jsonb) AS e(s text, v int, i uuid, t text, d jsonb, m jsonb, h text, p text)`;

/** The rows as one JSON document, data and metadata embedded as the JSON they already are. */
const jsonDocument = (rows: readonly CopyRow[]): string =>
  `[${rows.map((r) => `{"s":${JSON.stringify(r[0])},"v":${r[1]},"i":"${r[2]}","t":${JSON.stringify(r[3])},"d":${r[4]},"m":${r[5]},"h":"${r[6]}","p":"${r[7]}"}`).join(',')}]`;

/** A stored-looking row for the ceilings: real data and metadata, a 64-hex-digit hash (its value costs the database nothing more). */
function toRow({ streamName, streamVersion, event }: DecidedEvent): CopyRow {
  const hex = event.eventId.replaceAll('-', '');
  return [
    streamName,
    streamVersion,
    event.eventId,
    event.type,
    canonicalJson(event.data),
    canonicalJson(event.metadata),
    hex + hex,
    hex.split('').reverse().join('') + hex,
  ];
}

/**
 * `import`: a dataset's events, decided by the pure deciders, bulk-appended
 * through the event store (every stream's expected version checked, every
 * event hashed into its chain), against the fastest raw bulk insert of the
 * same rows through the same driver: a multi-row INSERT of the same batch
 * size (rows as arrays through unnest(), or as one JSON document through
 * jsonb_to_recordset()), and COPY (`SqlConnection.copyFrom`: FROM STDIN on
 * PostgreSQL, from /dev/blob on PGlite). All three run on one connection
 * and alternate slice by slice, so that a noisy neighbour slows
 * them alike. Only the database calls are timed: generating, deciding and
 * serializing the ceilings' rows are not (the store's own hashing and
 * serializing are, as they are part of appending). The store's batches are
 * pipelined (the next call made while the current one is in the database),
 * as an importer would; each ceiling statement runs alone, which is all
 * they need: they have nothing to compute.
 */
export async function importFigures(report: Report, options: ImportOptions): Promise<void> {
  const { driver, events, batchSize, sliceSize } = options;
  const db = await openBenchDatabase(driver, { poolSize: 1 });
  try {
    await db.sql.query('CREATE TABLE bench_copy_events (LIKE events INCLUDING ALL)');
    await db.sql.query('CREATE TABLE bench_json_events (LIKE events INCLUDING ALL)');
    const store = createSqlEventStore(db.sql);
    const catalog = loadCatalog();
    // Enough national-institute-sized plans, year after year, for any count asked (the generator is lazy).
    const decided = decideDataset(
      generateDataset({ seed: options.seed, institutions: 8, years: 79, indicatorsPerInstitution: catalog.entries.length, catalog }),
    );
    const iterator = decided[Symbol.iterator]();
    let importMs = 0;
    let insertMs = 0;
    let jsonMs = 0;
    let importCpuUs = 0;
    // Where each side's time goes: CPU per event of this process and of the database's backends.
    const importCpu = new CpuTotal();
    const copyCpu = new CpuTotal();
    let copyMs = 0;
    let count = 0;
    let appends = 0;
    while (count < events) {
      const slice = take(iterator, Math.min(sliceSize, events - count));
      if (slice.length === 0) break;
      const batches: StreamBatch[][] = [];
      for (let i = 0; i < slice.length; i += batchSize) batches.push(groupByStream(slice.slice(i, i + batchSize)));
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const sampleBefore = await sampleCpu(db.sql);
      appends += await appendBatches(store, batches);
      importCpu.add(sampleBefore, await sampleCpu(db.sql));
      const cpu = process.cpuUsage(cpuBefore);
      importCpuUs += cpu.user + cpu.system;
      importMs += performance.now() - started;
      const rows = slice.map(toRow);
      for (let i = 0; i < rows.length; i += batchSize) {
        const batch = rows.slice(i, i + batchSize);
        const columns = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => batch.map((row) => row[c]!));
        const started = performance.now();
        await db.sql.query(INSERT_UNNEST, columns, { name: 'bench_insert_unnest' });
        insertMs += performance.now() - started;
        const document = jsonDocument(batch);
        const jsonStarted = performance.now();
        await db.sql.query(INSERT_JSON, [document], { name: 'bench_insert_json' });
        jsonMs += performance.now() - jsonStarted;
      }
      const text = copyText(rows, COPY_CELLS);
      const copyBefore = await sampleCpu(db.sql);
      const copyStarted = performance.now();
      const conn = await db.sql.connect();
      try {
        await conn.copyFrom(COPY_TARGET, text);
      } finally {
        conn.release();
      }
      copyMs += performance.now() - copyStarted;
      copyCpu.add(copyBefore, await sampleCpu(db.sql));
      count += slice.length;
    }
    if (count < events) throw new Error(`import: the generator gave ${count} events, ${events} asked`);
    const rate = (ms: number) => (count * 1000) / ms;
    const ceilings = [
      { name: `insert-unnest.${driver}`, value: rate(insertMs) },
      { name: `insert-json.${driver}`, value: rate(jsonMs) },
    ];
    ceilings.push({ name: `copy.${driver}`, value: rate(copyMs) });
    const best = ceilings.reduce((a, b) => (b.value > a.value ? b : a));
    report.emit(figure(`import.${driver}`, rate(importMs), 'events/s', best));
    for (const ceiling of ceilings) report.emit(figure(ceiling.name, ceiling.value, 'rows/s'));
    const importUs = importCpu.perOperation(count);
    const copyUs = copyCpu.perOperation(count);
    report.emit(figure(`import.${driver}.cpu`, importUs.total, 'µs CPU/event', { name: `copy.${driver}.cpu`, value: copyUs.total }));
    report.log(`import.${driver}: CPU per event ${importUs.describe}; COPY of the same rows, already serialized, ${copyUs.describe}`);
    report.log(
      `import.${driver}: ${count} events in ${appends} appends (batches of ${batchSize}); ${((importMs * 1000) / count).toFixed(1)} µs per event, of which ${(importCpuUs / count).toFixed(1)} µs on this process's CPU`,
    );
  } finally {
    await db.close();
  }
}
