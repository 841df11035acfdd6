import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WriteSide } from '@semaforo/commands';
import { planStream } from '@semaforo/domain';
import { canonicalJson, createSqlEventStore, type EventStore, type RecordedEvent } from '@semaforo/event-store';
import { DEFAULT_IMPORT_OPTIONS, runImport, type ImportActor } from '@semaforo/importer';
import { copyText, type CopyValue } from '@semaforo/sql';
import type { DecidedEvent } from '../dataset/decide-dataset.js';
import { appendBatches, groupByStream, type StreamBatch } from '../dataset/import-events.js';
import { CEILING_COLUMNS, openBenchDatabase } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';

export interface ImporterOptions {
  /** Plans imported, each a round of the importer and then its ceilings on the same events. */
  readonly rounds: number;
  /** Rows per multi-stream append of the importer, and events per append of the ceiling. */
  readonly batchSize: number;
}

// The committed national catalog (tests/fixtures/iess-catalog), never the seed: its plan and its year of results.
const FIXTURES = new URL('../../../tests/fixtures/iess-catalog/', import.meta.url);
const ACTOR: ImportActor = { id: 'bench', role: 'planner', units: [] };

type CopyRow = readonly [string, number, string, string, string, string, string, string];
const COPY_TARGET = { table: 'bench_copy_events', columns: CEILING_COLUMNS.split(', ') };
const COPY_CELLS = COPY_TARGET.columns.map(
  (_, i) =>
    (row: CopyRow): CopyValue =>
      row[i]!,
);

/**
 * `importer`: the catalog's year of results (`resultados-2021.csv`, 5,872
 * rows, one event each) through the importer as the API runs it: read the
 * CSV, decide every row with the deciders on the 670 indicator streams'
 * states, append in multi-stream appends of `batchSize` rows. Against, in
 * the same round and on the same connection: the store's own bulk append of
 * the very events the importer appended (copied to streams of their own,
 * already decided and stamped, in batches of `batchSize`, as the `import`
 * figure appends), and COPY of them into a twin of the log table. The
 * plan's structure (units, indicators, targets) is imported first, untimed.
 */
export async function importerFigures(report: Report, options: ImporterOptions): Promise<void> {
  // The API's pool size: the importer reads the file's streams several at a time.
  const db = await openBenchDatabase('postgres', { poolSize: 10 });
  try {
    await db.sql.query('CREATE TABLE bench_copy_events (LIKE events INCLUDING ALL)');
    const store = createSqlEventStore(db.sql);
    const writeSide = new WriteSide(store);
    const workbook = readFileSync(fileURLToPath(new URL('catalogo-iess-2021.xlsx', FIXTURES)));
    const results = readFileSync(fileURLToPath(new URL('resultados-2021.csv', FIXTURES)));
    let importerMs = 0;
    let bulkMs = 0;
    let copyMs = 0;
    let rows = 0;
    let events = 0;
    for (let round = 1; round <= options.rounds; round++) {
      const planId = `bench${round}-2021`;
      await writeSide.execute(
        planStream(planId),
        {
          type: 'OpenPlan',
          data: {
            institutionId: `bench${round}`,
            fiscalYear: 2021,
            fiscalYearStartMonth: 1,
            name: 'PAT 2021',
            perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }],
          },
        },
        { actor: ACTOR, source: 'cli', requestId: randomUUID(), correlationId: randomUUID(), recordedAt: '2021-01-02T10:00:00.000Z', newEventId: randomUUID },
      );
      const request = (bytes: Buffer, locale: 'es' | 'en') => ({
        bytes,
        format: bytes === workbook ? ('xlsx' as const) : ('csv' as const),
        options: { ...DEFAULT_IMPORT_OPTIONS, planId, locale, atomic: false },
        actor: ACTOR,
        requestId: randomUUID(),
        recordedAt: '2022-01-20T12:00:00.000Z',
      });
      // English separators are how most of the catalog's targets are written (see the importer's README).
      await runImport({ store, writeSide }, request(workbook, 'en'));
      const head = await store.headPosition();

      const timed = request(results, 'es');
      const started = performance.now();
      const summary = await runImport({ store, writeSide }, timed, { chunkRows: options.batchSize });
      importerMs += performance.now() - started;
      rows += summary.file.rows;

      const appended = (await readAfter(store, head)).filter((e) => e.metadata.requestId === timed.requestId);
      events += appended.length;
      bulkMs += await bulkAppend(store, appended, round, options.batchSize);
      copyMs += await copyRows(db.sql, appended);
    }
    const rate = (ms: number) => (events * 1000) / ms;
    const bulk = { name: 'append-bulk.postgres', value: rate(bulkMs) };
    const copy = { name: 'copy-import.postgres', value: rate(copyMs) };
    report.emit(figure('importer.postgres', rate(importerMs), 'events/s', bulk));
    report.emit(figure(bulk.name, bulk.value, 'events/s', copy));
    report.emit(figure(copy.name, copy.value, 'rows/s'));
    report.log(
      `importer.postgres: ${rows} rows (${events} events) of the catalog's results in ${options.rounds} plans; ${((importerMs * 1000) / rows).toFixed(1)} µs per row through the importer, ` +
        `${((bulkMs * 1000) / events).toFixed(1)} µs per event by the store's bulk append, ${((copyMs * 1000) / events).toFixed(1)} by COPY; importer / COPY ${(rate(importerMs) / copy.value).toFixed(2)}`,
    );
  } finally {
    await db.close();
  }
}

async function readAfter(store: EventStore, after: RecordedEvent['position'] | null): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let position = after ?? undefined;
  for (;;) {
    const page = await store.readAll({ ...(position === undefined ? {} : { after: position }), limit: 10_000 });
    if (page.length === 0) return all;
    all.push(...page);
    position = page[page.length - 1]!.position;
  }
}

/** The same events, decided and stamped already, appended by the store to streams of their own (`ceiling<round>-…`, from version 1). */
async function bulkAppend(store: EventStore, recorded: readonly RecordedEvent[], round: number, batchSize: number): Promise<number> {
  const versions = new Map<string, number>();
  const decided: DecidedEvent[] = recorded.map((e) => {
    const streamName = `ceiling${round}-${e.streamName}`;
    const streamVersion = (versions.get(streamName) ?? 0) + 1;
    versions.set(streamName, streamVersion);
    return { streamName, streamVersion, event: { eventId: randomUUID(), type: e.type, data: e.data, metadata: e.metadata } };
  });
  const batches: StreamBatch[][] = [];
  for (let i = 0; i < decided.length; i += batchSize) batches.push(groupByStream(decided.slice(i, i + batchSize)));
  const started = performance.now();
  await appendBatches(store, batches);
  return performance.now() - started;
}

async function copyRows(sql: Awaited<ReturnType<typeof openBenchDatabase>>['sql'], recorded: readonly RecordedEvent[]): Promise<number> {
  const rows: CopyRow[] = recorded.map((e) => [
    `copy-${e.streamName}`,
    e.streamVersion,
    randomUUID(),
    e.type,
    canonicalJson(e.data),
    canonicalJson(e.metadata),
    e.hash,
    e.previousHash,
  ]);
  const text = copyText(rows, COPY_CELLS);
  const started = performance.now();
  const conn = await sql.connect();
  try {
    await conn.copyFrom(COPY_TARGET, text);
  } finally {
    conn.release();
  }
  return performance.now() - started;
}
