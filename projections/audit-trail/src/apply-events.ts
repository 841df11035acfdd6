import type { RecordedEvent } from '@semaforo/event-store';
import { formatLogPosition } from '@semaforo/event-store';
import { positionKey, type ApplyContext } from '@semaforo/projector';
import { bulkColumn as column, bulkInsert, type BulkColumn, type AnyKysely } from '@semaforo/sql';
import { PLAN_EVENT_TYPES } from '@semaforo/domain';
import { sql } from 'kysely';
import { NO_DATA } from './audit-change.js';
import { AUDITED_EVENT_TYPES, describeEvent, type DescribedEvent, type KnownBefore, type ResultSnapshot } from './describe-event.js';

const AUDITED: ReadonlySet<string> = new Set(AUDITED_EVENT_TYPES);
const RESULT_TYPES: readonly string[] = ['ResultReported', 'ResultCorrected', 'NoDataReported'];
const RESULT_TYPE_SET: ReadonlySet<string> = new Set(RESULT_TYPES);
/** Plan events whose `code` is a unit's or a perspective's, never an indicator's. */
const PLAN_TYPE_SET: ReadonlySet<string> = new Set(PLAN_EVENT_TYPES);

/** Rows per statement: every column travels as one parameter (or one COPY), so this only bounds a statement's size. */
const CHUNK = 5_000;

/**
 * Applies a batch (in log order) inside the runner's transaction: one
 * `entries` row per event, plus `units` and `plans` rows. Only inserts, with
 * ON CONFLICT DO NOTHING on keys that include the event's position, so
 * applying an event again changes nothing.
 *
 * What an event needs from earlier ones (its indicator's unit, a period's
 * ratio) is read ONCE per batch, as it stood just before the batch's first
 * event, and then carried forward in memory through the batch. Reading "as
 * before the batch" rather than "the latest row" keeps a re-applied batch
 * from seeing its own later rows. When the runner carries memory from batch
 * to batch (a worker that started at the log's beginning: every rebuild),
 * that memory already is "as before the batch", and nothing is read.
 */
export async function applyAuditEvents(trx: AnyKysely, schema: string, batch: readonly RecordedEvent[], context?: ApplyContext): Promise<void> {
  const events = batch.filter((event) => AUDITED.has(event.type));
  const first = events[0];
  if (first === undefined) return;
  const before = positionKey(first.position);

  const memory = carriedMemory(context) ?? (await loadKnownBefore(trx, schema, events, before));
  const entries: EntryValues[] = [];
  const units: UnitValues[] = [];
  const unitChanges: UnitChangeValues[] = [];
  const plans: PlanValues[] = [];
  for (const event of events) {
    const described = describeEvent(event, memory);
    const key = positionKey(event.position);
    entries.push({ key, event, described });
    memory.remember(event.type, described);
    if (event.type === 'UnitDefined') {
      const data = event.data as { planId: string; code: string; name: string; parentCode: string | null; areaClass: string };
      units.push({ planId: data.planId, code: data.code, name: data.name, parentCode: data.parentCode, areaClass: data.areaClass, validFrom: key });
    } else if (event.type === 'UnitRenamed' || event.type === 'UnitMoved' || event.type === 'UnitRetired') {
      const data = event.data as { planId: string; code: string; name?: string; parentCode?: string | null };
      unitChanges.push({
        planId: data.planId,
        code: data.code,
        eventType: event.type,
        name: event.type === 'UnitRenamed' ? (data.name ?? null) : null,
        parentCode: event.type === 'UnitMoved' ? (data.parentCode ?? null) : null,
        validFrom: key,
      });
    } else if (event.type === 'PlanOpened') {
      const data = event.data as { planId: string; name: string; fiscalYear: number };
      plans.push({ planId: data.planId, name: data.name, fiscalYear: data.fiscalYear, validFrom: key });
    }
  }

  if (memory.size > MAX_CARRIED) context?.carried?.set(CARRIED, TOO_LARGE);
  const copy = context?.fromEmpty ?? false;
  for (let i = 0; i < entries.length; i += CHUNK) await bulkInsert(trx, { schema, table: 'entries' }, ENTRY_COLUMNS, entries.slice(i, i + CHUNK), { copy });
  await bulkInsert(trx, { schema, table: 'units' }, UNIT_COLUMNS, units, { copy });
  await bulkInsert(trx, { schema, table: 'unit_changes' }, UNIT_CHANGE_COLUMNS, unitChanges, { copy });
  await bulkInsert(trx, { schema, table: 'plans' }, PLAN_COLUMNS, plans, { copy });
}

interface EntryValues {
  readonly key: string;
  readonly event: RecordedEvent;
  readonly described: DescribedEvent;
}

interface UnitValues {
  readonly planId: string;
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly areaClass: string;
  readonly validFrom: string;
}

interface UnitChangeValues {
  readonly planId: string;
  readonly code: string;
  readonly eventType: string;
  readonly name: string | null;
  readonly parentCode: string | null;
  readonly validFrom: string;
}

interface PlanValues {
  readonly planId: string;
  readonly name: string;
  readonly fiscalYear: number;
  readonly validFrom: string;
}

/*
 * One statement per chunk whatever its size (see @semaforo/sql's
 * bulkInsert): COPY when the worker loads from empty, else an INSERT whose
 * ON CONFLICT DO NOTHING, on keys that hold the event's position, makes an
 * event applied twice insert nothing the second time.
 */
const ENTRY_COLUMNS: readonly BulkColumn<EntryValues>[] = [
  column('plan_id', 'text', (r) => r.described.planId),
  column('position_key', 'numeric', (r) => r.key),
  column('position', 'text', (r) => formatLogPosition(r.event.position)),
  column('event_id', 'uuid', (r) => r.event.eventId),
  column('stream_name', 'text', (r) => r.event.streamName),
  column('stream_version', 'int', (r) => r.event.streamVersion),
  column('event_type', 'text', (r) => r.event.type),
  column('indicator_code', 'text', (r) => r.described.indicatorCode),
  column('unit_code', 'text', (r) => r.described.unitCode),
  column('previous_unit_code', 'text', (r) => r.described.previousUnitCode),
  column('period', 'text', (r) => r.described.period),
  column('before_value', 'text', (r) => r.described.before),
  column('after_value', 'text', (r) => r.described.after),
  column('numerator', 'text', (r) => r.described.numerator),
  column('denominator', 'text', (r) => r.described.denominator),
  column('actor_id', 'text', (r) => r.event.metadata.actor.id),
  column('actor_role', 'text', (r) => r.event.metadata.actor.role ?? null),
  column('source', 'text', (r) => r.event.metadata.source),
  column('request_id', 'text', (r) => r.event.metadata.requestId),
  column('correlation_id', 'text', (r) => r.event.metadata.correlationId),
  column('causation_id', 'text', (r) => r.event.metadata.causationId),
  column('recorded_at', 'timestamptz', (r) => r.event.metadata.recordedAt),
  column('recorded_at_text', 'text', (r) => r.event.metadata.recordedAt),
  column('reason', 'text', (r) => r.event.metadata.reason ?? null),
  column('changes', 'json', (r) => JSON.stringify(r.described.changes)),
];

const UNIT_COLUMNS: readonly BulkColumn<UnitValues>[] = [
  column('plan_id', 'text', (r) => r.planId),
  column('code', 'text', (r) => r.code),
  column('name', 'text', (r) => r.name),
  column('parent_code', 'text', (r) => r.parentCode),
  column('area_class', 'text', (r) => r.areaClass),
  column('valid_from', 'numeric', (r) => r.validFrom),
];

const UNIT_CHANGE_COLUMNS: readonly BulkColumn<UnitChangeValues>[] = [
  column('plan_id', 'text', (r) => r.planId),
  column('code', 'text', (r) => r.code),
  column('valid_from', 'numeric', (r) => r.validFrom),
  column('event_type', 'text', (r) => r.eventType),
  column('name', 'text', (r) => r.name),
  column('parent_code', 'text', (r) => r.parentCode),
];

const PLAN_COLUMNS: readonly BulkColumn<PlanValues>[] = [
  column('plan_id', 'text', (r) => r.planId),
  column('name', 'text', (r) => r.name),
  column('fiscal_year', 'int', (r) => r.fiscalYear),
  column('valid_from', 'numeric', (r) => r.validFrom),
];

const CARRIED = 'audit-trail:known-before';
const TOO_LARGE = Symbol('too large to carry');
/** Indicators plus periods with a ratio (~100 bytes each): past this, read from the table again. */
const MAX_CARRIED = 1_000_000;

/**
 * The memory the runner carries from batch to batch (see ApplyContext): it
 * has seen every audited event before this batch, so what it does not hold
 * is what the table does not hold either, and nothing needs reading back.
 * Undefined when there is none: read from the table.
 */
function carriedMemory(context: ApplyContext | undefined): BatchMemory | undefined {
  const carried = context?.carried;
  if (carried === undefined) return undefined;
  const kept = carried.get(CARRIED);
  if (kept instanceof BatchMemory) return kept;
  if (kept !== undefined) return undefined;
  const memory = new BatchMemory();
  carried.set(CARRIED, memory);
  return memory;
}

/**
 * What the batch's events need from before the batch, then kept current as
 * the batch is described. A period's result is kept only while it has a
 * ratio: "no earlier result" and "an earlier one without numerator and
 * denominator" describe a correction the same way.
 */
class BatchMemory implements KnownBefore {
  readonly #units = new Map<string, string | null>();
  readonly #results = new Map<string, ResultSnapshot>();

  seedUnit(planId: string, code: string, unit: string | null): void {
    this.#units.set(indicatorKey(planId, code), unit);
  }

  seedResult(planId: string, code: string, period: string, result: ResultSnapshot): void {
    this.#results.set(resultKey(planId, code, period), result);
  }

  unitOf(planId: string, code: string): string | null {
    return this.#units.get(indicatorKey(planId, code)) ?? null;
  }

  resultOf(planId: string, code: string, period: string): ResultSnapshot | undefined {
    return this.#results.get(resultKey(planId, code, period));
  }

  get size(): number {
    return this.#units.size + this.#results.size;
  }

  remember(type: string, described: DescribedEvent): void {
    const { planId, indicatorCode, period } = described;
    if (indicatorCode === null) return;
    this.#units.set(indicatorKey(planId, indicatorCode), described.unitCode);
    if (RESULT_TYPE_SET.has(type) && period !== null && described.after !== null) {
      const key = resultKey(planId, indicatorCode, period);
      if (described.numerator === null && described.denominator === null) this.#results.delete(key);
      else this.#results.set(key, { value: described.after, numerator: described.numerator, denominator: described.denominator });
    }
  }
}

// Plan ids and codes cannot contain "/" (see streams.ts in the domain), so these keys are unambiguous.
const indicatorKey = (planId: string, code: string): string => `${planId}/${code}`;
const resultKey = (planId: string, code: string, period: string): string => `${planId}/${code}/${period}`;

async function loadKnownBefore(trx: AnyKysely, schema: string, events: readonly RecordedEvent[], before: string): Promise<BatchMemory> {
  const memory = new BatchMemory();
  const indicators = new Map<string, { planId: string; code: string }>();
  const results = new Map<string, { planId: string; code: string; period: string }>();
  for (const event of events) {
    const data = event.data as { planId?: unknown; code?: unknown; period?: unknown };
    if (typeof data.planId !== 'string' || typeof data.code !== 'string' || PLAN_TYPE_SET.has(event.type)) continue;
    indicators.set(indicatorKey(data.planId, data.code), { planId: data.planId, code: data.code });
    if (RESULT_TYPE_SET.has(event.type) && typeof data.period === 'string') {
      results.set(resultKey(data.planId, data.code, data.period), { planId: data.planId, code: data.code, period: data.period });
    }
  }

  if (indicators.size > 0) {
    const keys = [...indicators.values()];
    const { rows } = await sql<{ plan_id: string; code: string; unit_code: string | null }>`
      SELECT k.plan_id, k.code, e.unit_code
      FROM unnest(${keys.map((k) => k.planId)}::text[], ${keys.map((k) => k.code)}::text[]) AS k(plan_id, code)
      CROSS JOIN LATERAL (
        SELECT unit_code FROM ${sql.id(schema, 'entries')}
        WHERE plan_id = k.plan_id AND indicator_code = k.code AND position_key < ${before}::numeric
        ORDER BY position_key DESC LIMIT 1
      ) AS e
    `.execute(trx);
    for (const row of rows) memory.seedUnit(row.plan_id, row.code, row.unit_code);
  }

  if (results.size > 0) {
    const keys = [...results.values()];
    const { rows } = await sql<{ plan_id: string; code: string; period: string; after_value: string; numerator: string | null; denominator: string | null }>`
      SELECT k.plan_id, k.code, k.period, e.after_value, e.numerator, e.denominator
      FROM unnest(
        ${keys.map((k) => k.planId)}::text[], ${keys.map((k) => k.code)}::text[], ${keys.map((k) => k.period)}::text[]
      ) AS k(plan_id, code, period)
      CROSS JOIN LATERAL (
        SELECT after_value, numerator, denominator FROM ${sql.id(schema, 'entries')}
        WHERE plan_id = k.plan_id AND indicator_code = k.code AND period = k.period
          AND event_type = ANY(${RESULT_TYPES}::text[]) AND position_key < ${before}::numeric
        ORDER BY position_key DESC LIMIT 1
      ) AS e
    `.execute(trx);
    for (const row of rows) {
      memory.seedResult(row.plan_id, row.code, row.period, {
        value: row.after_value ?? NO_DATA,
        numerator: row.numerator,
        denominator: row.denominator,
      });
    }
  }
  return memory;
}
