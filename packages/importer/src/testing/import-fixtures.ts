import { randomUUID } from 'node:crypto';
import { WriteSide } from '@semaforo/commands';
import { planStream } from '@semaforo/domain';
import { compareLogPositions, type EventStore, type RecordedEvent } from '@semaforo/event-store';
import ExcelJS from 'exceljs';
import { DEFAULT_IMPORT_OPTIONS, type ImportActor, type ImportOptions } from '../import-options.js';
import type { ImportSummary } from '../import-summary.js';
import { runImport, type ImportHooks, type ImportPorts } from '../run-import.js';

export const PLANNER: ImportActor = { id: 'token-planner', role: 'planner', units: [] };

let plans = 0;

/** A fresh plan of an institution of its own, opened through the write side; every import test starts here. */
export async function givenAnOpenPlan(ports: ImportPorts, fiscalYear = 2021): Promise<string> {
  plans += 1;
  const institutionId = `imp${process.pid % 10_000}x${plans}`;
  await ports.writeSide.execute(
    planStream(`${institutionId}-${fiscalYear}`),
    {
      type: 'OpenPlan',
      data: { institutionId, fiscalYear, fiscalYearStartMonth: 1, name: `PAT ${fiscalYear}`, perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] },
    },
    {
      actor: { id: 'setup', role: 'planner' },
      source: 'api',
      requestId: randomUUID(),
      correlationId: randomUUID(),
      recordedAt: '2021-01-02T10:00:00.000Z',
      newEventId: randomUUID,
    },
  );
  return `${institutionId}-${fiscalYear}`;
}

export const portsOf = (store: EventStore): ImportPorts => ({ store, writeSide: new WriteSide(store) });

export async function importFile(
  ports: ImportPorts,
  planId: string,
  bytes: Uint8Array,
  format: 'csv' | 'xlsx',
  options: Partial<Omit<ImportOptions, 'planId'>> = {},
  actor: ImportActor = PLANNER,
  hooks: ImportHooks = {},
): Promise<ImportSummary> {
  return runImport(
    ports,
    { bytes, format, options: { ...DEFAULT_IMPORT_OPTIONS, ...options, planId }, actor, requestId: 'req-import-1', recordedAt: '2021-07-05T12:00:00.000Z' },
    hooks,
  );
}

/** Every event of a plan's streams, in log order. */
export async function planEvents(store: EventStore, planId: string): Promise<RecordedEvent[]> {
  // readAll holds back what an open transaction anywhere on the server (another test file's) may still precede:
  // read until everything committed before this call is in, or a write just made would seem missing.
  const latest = await store.latestPosition();
  const all: RecordedEvent[] = [];
  let after: RecordedEvent['position'] | undefined;
  for (let attempt = 0; ; attempt += 1) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: 5_000 });
    all.push(...page);
    if (page.length > 0) after = page[page.length - 1]!.position;
    if (latest === null || (after !== undefined && compareLogPositions(after, latest) >= 0)) break;
    if (attempt > 3_000) throw new Error('the log did not become readable up to its latest position');
    if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return all.filter((e) => e.streamName === `plan-${planId}` || e.streamName.startsWith(`indicator-${planId}/`));
}

export const UNITS = [
  ['Código', 'Nombre', 'Unidad superior', 'Clase de área'],
  ['DG', 'Dirección General', '', 'Administrativa'],
  ['DSP', 'Dirección del Sistema de Pensiones', 'DG', 'Administrativa'],
  ['DSS', 'Dirección del Seguro de Salud', 'DG', 'Salud'],
];

export const INDICATORS = [
  ['Código', 'Nombre', 'Tipo', 'Perspectiva', 'Unidad responsable', 'Medida', 'Periodicidad', 'Polaridad', 'Acumulación', 'Fórmula'],
  [
    'IE-DSP-1',
    'Pensiones pagadas a tiempo',
    'Resultado',
    'usuarios',
    'DSP',
    'Porcentaje',
    'Trimestral',
    'Mayor es mejor',
    'Último',
    'Pagadas a tiempo / pagadas',
  ],
  ['IE-DSS-2', 'Consultas atendidas', 'Producción', 'usuarios', 'DSS', 'Número', 'Mensual', 'Mayor es mejor', 'Suma', 'Consultas del mes'],
];

export const TARGETS = [
  ['Código', 'Indicador', 'Período', 'Meta'],
  ['IE-DSP-1', 'Pensiones pagadas a tiempo', '2021-Q1', '95'],
  ['IE-DSP-1', 'Pensiones pagadas a tiempo', '2021-Q2', '95'],
  ['IE-DSS-2', 'Consultas atendidas', '2021-M01', '1.000'],
  ['IE-DSS-2', 'Consultas atendidas', '2021-M02', '1.000'],
];

export const RESULTS = [
  ['Código', 'Período', 'Resultado'],
  ['IE-DSP-1', '2021-Q1', '96,5'],
  ['IE-DSS-2', '2021-M01', '1.020'],
  ['IE-DSS-2', '2021-M02', '700'],
];

/** A workbook of the layout with the given sheets (rows as text cells, as a person types them). */
export async function workbook(sheets: Readonly<Record<string, readonly (readonly (string | number | { formula: string })[])[]>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === 'object' ? { formula: cell.formula } : cell)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A CSV as Excel in Spanish saves it: `;` between cells, CRLF. */
export const csv = (rows: readonly (readonly string[])[], separator = ';'): Buffer => Buffer.from(rows.map((r) => r.join(separator)).join('\r\n') + '\r\n');
