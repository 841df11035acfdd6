import type { WriteSide } from '@semaforo/commands';
import {
  DomainError,
  indicatorStream,
  planStream,
  unitWithinScope,
  type IndicatorCommand,
  type IndicatorDefinition,
  type IndicatorState,
  type Message,
  type PlanCommand,
  type PlanState,
  type StreamOf,
} from '@semaforo/domain';
import { conflictMessage, type ImportConflict, type MessageParams } from './import-conflict.js';
import type { ImportActor, ImportOptions } from './import-options.js';
import type { ImportSheet } from './read-import-file.js';
import { readRow, type RowIntent } from './row-intents.js';

export type RowOutcome = 'created' | 'updated' | 'ignored' | 'refused';

/** An event one row's command decided, at the version it takes in its stream. */
export interface DecidedEvent {
  readonly row: number;
  readonly sheet: string;
  readonly streamName: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: object;
  readonly reason?: string;
}

export interface DecidedRow {
  readonly sheet: string;
  readonly row: number;
  readonly outcome: RowOutcome;
  /** Positions in `ImportDecision.events` of this row's events. */
  readonly events: readonly number[];
}

export interface ImportDecision {
  readonly rows: readonly DecidedRow[];
  readonly conflicts: readonly ImportConflict[];
  readonly events: readonly DecidedEvent[];
  /** Every stream the decision read, as it was before the file and as the file leaves it. */
  readonly before: ReadonlyMap<string, StreamSnapshot>;
  readonly after: ReadonlyMap<string, StreamSnapshot>;
  /** Guard streams (a plan's sign-off) by name, at the version the decisions read. */
  readonly guards: ReadonlyMap<string, number>;
}

export interface StreamSnapshot {
  readonly version: number;
  readonly state: unknown;
}

type AnyStream = StreamOf<Message<string, object>, Message<string, object>, unknown, Record<string, unknown>>;

/**
 * Decides every row of the file, in order, with the very deciders of the
 * write side (the domain's stream descriptors: `planStream`,
 * `indicatorStream`), on the streams' states folded from the store and moved
 * on by the rows before it, so a unit defined in row 3 is known to the
 * indicator of row 40. Nothing is appended here: what the decision holds is
 * appended as it is (`appendDecision`), or answered as a dry run.
 */
export async function decideImport(
  writeSide: WriteSide,
  sheets: readonly ImportSheet[],
  options: ImportOptions,
  actor: ImportActor,
  /** The import's instant: what the deciders judge a data-entry window by, as the write side passes a command's. */
  recordedAt: string,
): Promise<ImportDecision> {
  const { planId, language } = options;
  const states = new Map<string, { version: number; state: unknown; stream: AnyStream }>();
  const before = new Map<string, StreamSnapshot>();
  const keep = (stream: AnyStream, read: { version: number; state: unknown }) => {
    const entry = { version: read.version, state: read.state, stream };
    states.set(stream.name, entry);
    before.set(stream.name, { version: read.version, state: read.state });
    return entry;
  };
  const load = async (stream: AnyStream) => states.get(stream.name) ?? keep(stream, await writeSide.read(stream));
  // Every stream not read yet, in one round trip: read one by one, a file's length in streams would be its length in latency.
  const loadAll = async (streams: readonly AnyStream[]) => {
    const unread = streams.filter((stream) => !states.has(stream.name));
    const reads = await writeSide.readMany(unread);
    unread.forEach((stream, index) => keep(stream, reads[index]!));
  };
  // The streams whose versions the appends are conditional on (an indicator's sign-off), at the version each decision read.
  const guards = new Map<string, number>();
  const contextOf = async (stream: AnyStream): Promise<Record<string, unknown>> => {
    const context: Record<string, unknown> = { recordedAt };
    const guardedBy = new Set(stream.guardedBy ?? []);
    for (const key of Object.keys(stream.context)) {
      const loaded = await load(stream.context[key] as AnyStream);
      context[key] = loaded.state;
      if (guardedBy.has(key))
        guards.set((stream.context[key] as AnyStream).name, before.get((stream.context[key] as AnyStream).name)?.version ?? loaded.version);
    }
    return context;
  };

  const rows: DecidedRow[] = [];
  const conflicts: ImportConflict[] = [];
  const events: DecidedEvent[] = [];
  const plan = planStream(planId) as unknown as AnyStream;

  for (const sheet of sheets) {
    // Read the whole sheet first: a key twice in it refuses every row that has it.
    const readings: { row: number; reading: ReturnType<typeof readRow> }[] = [];
    const keyCount = new Map<string, number>();
    const planState = (await load(plan)).state as PlanState;
    const rollOverTo = options.rollOver === true && planState.status === 'open' ? planState.fiscalYear : undefined;
    for await (const row of sheet.rows) {
      const reading = readRow(row, {
        sheet,
        locale: options.locale,
        language,
        ...(options.reason === undefined ? {} : { reason: options.reason }),
        ...(rollOverTo === undefined ? {} : { rollOverTo }),
      });
      readings.push({ row: row.number, reading });
      if (reading.ok) keyCount.set(reading.key, (keyCount.get(reading.key) ?? 0) + 1);
    }
    if (readings.length === 0) {
      conflicts.push({ sheet: sheet.name, row: 1, column: '', cell: '', code: 'NO_ROWS', message: conflictMessage('NO_ROWS', language) });
      continue;
    }
    // Every stream the sheet names, read at once before deciding.
    const named = new Map<string, AnyStream>([[plan.name, plan]]);
    for (const { reading } of readings) {
      if (!reading.ok || reading.intent.sheet === 'perspectives' || reading.intent.sheet === 'units') continue;
      const stream = indicatorStream(planId, codeOf(reading.intent)) as unknown as AnyStream;
      named.set(stream.name, stream);
    }
    await loadAll([...named.values()]);

    for (const { row, reading } of readings) {
      const refuse = (found: readonly ImportConflict[]) => {
        conflicts.push(...found);
        rows.push({ sheet: sheet.name, row, outcome: 'refused', events: [] });
      };
      const rowConflict = (key: string, code: string, params: MessageParams = {}, fallback?: string): ImportConflict => {
        const column = sheet.headers.get(key) ?? '';
        return { sheet: sheet.name, row, column, cell: '', code, message: conflictMessage(code, language, { column, ...params }, fallback) };
      };
      if (!reading.ok) {
        // A blank row of a prefilled template has no conflict and nothing to do.
        if (reading.conflicts.length === 0) rows.push({ sheet: sheet.name, row, outcome: 'ignored', events: [] });
        else refuse(reading.conflicts);
        continue;
      }
      if (actor.role === 'reporter' && sheet.layout.key !== 'results') {
        refuse([rowConflict('', 'SHEET_NOT_ALLOWED', { role: actor.role, sheet: sheet.layout[language] })]);
        continue;
      }
      if ((keyCount.get(reading.key) ?? 0) > 1) {
        refuse([rowConflict('code', 'DUPLICATE_IN_FILE', { key: reading.key })]);
        continue;
      }

      const planEntry = await load(plan);
      const planState = planEntry.state as PlanState;
      const intent = reading.intent;
      const target = intent.sheet === 'perspectives' || intent.sheet === 'units' ? plan : (indicatorStream(planId, codeOf(intent)) as unknown as AnyStream);
      const entry = await load(target);

      let decided:
        | { command: Message<string, object>; classify: (produced: readonly Message<string, object>[]) => RowOutcome }
        | { outcome: RowOutcome }
        | { conflict: ImportConflict };
      try {
        decided = await commandFor(intent, planState, entry.state as IndicatorState, actor, rowConflict);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refuse([domainConflict(error, rowConflict)]);
        continue;
      }
      if ('conflict' in decided) {
        refuse([decided.conflict]);
        continue;
      }
      if ('outcome' in decided) {
        rows.push({ sheet: sheet.name, row, outcome: decided.outcome, events: [] });
        continue;
      }

      let produced: Message<string, object>[];
      try {
        produced = target.decider.decide(decided.command, entry.state, await contextOf(target));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refuse([domainConflict(error, rowConflict)]);
        continue;
      }
      const outcome = decided.classify(produced);
      const strategyConflict =
        options.strategy === 'create' && outcome === 'updated'
          ? 'EXISTS_ALREADY'
          : options.strategy === 'update' && outcome === 'created'
            ? 'NOT_FOUND_FOR_UPDATE'
            : undefined;
      if (strategyConflict !== undefined) {
        refuse([rowConflict(intent.sheet === 'targets' || intent.sheet === 'results' ? 'value' : 'code', strategyConflict)]);
        continue;
      }
      const reason = reasonOf(decided.command);
      const positions: number[] = [];
      for (const event of produced) {
        entry.version += 1;
        entry.state = target.decider.evolve(entry.state, event);
        positions.push(events.length);
        events.push({
          row,
          sheet: sheet.name,
          streamName: target.name,
          streamVersion: entry.version,
          type: event.type,
          data: event.data,
          ...(reason === undefined ? {} : { reason }),
        });
      }
      rows.push({ sheet: sheet.name, row, outcome, events: positions });
    }
  }

  const after = new Map<string, StreamSnapshot>([...states].map(([name, { version, state }]) => [name, { version, state }]));
  return { rows, conflicts, events, before, after, guards };
}

type RowConflict = (key: string, code: string, params?: MessageParams, fallback?: string) => ImportConflict;

const codeOf = (intent: RowIntent): string =>
  intent.sheet === 'indicators' ? intent.code : intent.sheet === 'targets' ? intent.target.code : intent.sheet === 'results' ? intent.result.code : '';

/**
 * The command a row stands for, given what exists: or, for what the
 * commands cannot express (a unit defined differently), the outcome itself.
 * How its events count (created, updated) is told by the events the
 * decider returns, so the domain stays the one judge of "the same value".
 */
async function commandFor(intent: RowIntent, plan: PlanState, indicator: IndicatorState, actor: ImportActor, conflict: RowConflict) {
  const byEvents =
    (created: readonly string[]) =>
    (produced: readonly Message<string, object>[]): RowOutcome =>
      produced.length === 0 ? 'ignored' : produced.some((e) => created.includes(e.type)) ? 'created' : 'updated';
  const openPlan = plan.status === 'open' ? plan : undefined;

  switch (intent.sheet) {
    case 'perspectives': {
      const existing = openPlan?.perspectives.find((p) => p.code === intent.perspective.code);
      if (existing !== undefined) {
        return existing.name === intent.perspective.name
          ? { outcome: 'ignored' as const }
          : { conflict: conflict('name', 'DEFINED_DIFFERENTLY', { what: 'perspective' }) };
      }
      const command: PlanCommand = { type: 'AddPerspective', data: intent.perspective };
      return { command, classify: byEvents(['PerspectiveAdded']) };
    }
    case 'units': {
      const existing = openPlan?.units[intent.unit.code];
      if (existing !== undefined) {
        const same =
          existing.name === intent.unit.name && existing.parentCode === (intent.unit.parentCode ?? null) && existing.areaClass === intent.unit.areaClass;
        return same ? { outcome: 'ignored' as const } : { conflict: conflict('name', 'DEFINED_DIFFERENTLY', { what: 'unit' }) };
      }
      const command: PlanCommand = { type: 'DefineUnit', data: intent.unit };
      return { command, classify: byEvents(['UnitDefined']) };
    }
    case 'indicators': {
      if (indicator.status === 'absent') {
        const command: IndicatorCommand = { type: 'RegisterIndicator', data: { code: intent.code, ...intent.definition } };
        return { command, classify: byEvents(['IndicatorRegistered']) };
      }
      const changes: Record<string, unknown> = {};
      for (const field of intent.given) {
        const value = intent.definition[field];
        if (value !== indicator.definition[field]) changes[field] = value;
      }
      if (Object.keys(changes).length === 0) return { outcome: 'ignored' as const };
      const command: IndicatorCommand = {
        type: 'AmendIndicator',
        data: { code: intent.code, changes: changes, ...(intent.reason === undefined ? {} : { reason: intent.reason }) },
      };
      return { command, classify: byEvents([]) };
    }
    case 'targets': {
      const command: IndicatorCommand = { type: 'SetTarget', data: intent.target };
      return { command, classify: byEvents(['TargetSet']) };
    }
    case 'results': {
      if (
        actor.role === 'reporter' &&
        indicator.status !== 'absent' &&
        openPlan !== undefined &&
        !unitWithinScope(actor.units, indicator.definition.unit, openPlan.units)
      ) {
        return { conflict: conflict('code', 'OUTSIDE_ASSIGNED_UNITS', { unit: indicator.definition.unit, units: actor.units.join(', ') }) };
      }
      const hadResult = indicator.status !== 'absent' && indicator.results[intent.result.period] !== undefined;
      const command: IndicatorCommand = { type: 'ReportResult', data: intent.result };
      return { command, classify: (produced: readonly Message<string, object>[]) => (produced.length === 0 ? 'ignored' : hadResult ? 'updated' : 'created') };
    }
  }
}

/** The column a rule of the domain is about, so the conflict points at the cell to fix. */
const DOMAIN_COLUMNS: Readonly<Record<string, string>> = {
  PERIOD_OUTSIDE_PLAN_YEAR: 'period',
  PERIOD_NOT_OF_PERIODICITY: 'period',
  NOT_A_PLAN_PERIOD: 'period',
  REASON_REQUIRED: 'reason',
  UNKNOWN_UNIT: 'unit',
  UNKNOWN_PERSPECTIVE: 'perspective',
  UNKNOWN_PARENT_UNIT: 'parentCode',
  INDICATOR_NOT_FOUND: 'code',
  INDICATOR_RETIRED: 'code',
  INCOMPLETE_RATIO: 'numerator',
  DIVISION_BY_ZERO: 'denominator',
  PERIODICITY_LOCKED: 'periodicity',
  MALFORMED_DECIMAL: 'value',
  PERIOD_LOCKED: 'period',
  DATA_ENTRY_CLOSED: 'period',
  IMPLAUSIBLE_RESULT: 'value',
};

function domainConflict(error: DomainError, conflict: RowConflict): ImportConflict {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error.details)) if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  return conflict(DOMAIN_COLUMNS[error.code] ?? '', error.code, params, error.message);
}

const reasonOf = (command: Message<string, object>): string | undefined => {
  const reason: unknown = 'reason' in command.data ? command.data.reason : undefined;
  return typeof reason === 'string' ? reason : undefined;
};

export type { IndicatorDefinition };
