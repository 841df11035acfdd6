import {
  compareCodes,
  type IndicatorDefinition,
  type IndicatorFacts,
  type JustificationFact,
  type OpenPlanState,
  type PlanFacts,
  type PlausibilityWarning,
  type ResultEntry,
  type Unit,
} from '@semaforo/domain';
import type { LogPosition } from '@semaforo/event-store';
import { positionKey } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';
import { sql, type RawBuilder } from 'kysely';
import { EVALUATION_FACTS_SCHEMA } from './evaluation-facts-projection.js';

/**
 * The facts of one plan as known at `position`, built from the read model's
 * rows: the latest version of each fact with `valid_from <= position`. Equal
 * to `foldPlanFacts` over the plan's events up to that position (the digests
 * of their evaluations match; see packages/domain/src/evaluation/README.md
 * for the spelling both paths share). Null when the plan had not been opened.
 *
 * Four statements, run at once, whatever the history's length; none replays events. (A fifth, before them,
 * the first time a database's schema is read: which columns its tables have, see `AddedColumns`.)
 * `schema` is the projection version's schema (`resolveAsOf` says which is
 * live); by default this code's version.
 */
export async function planFactsAt(db: AnyKysely, planId: string, position: LogPosition, schema: string = EVALUATION_FACTS_SCHEMA): Promise<PlanFacts | null> {
  const t = (table: string) => sql.table(`${schema}.${table}`);
  const at = positionKey(position);
  const columns = await addedColumns(db, schema);
  // Four statements at once, on as many connections, each decoded as soon as it is answered:
  // the server's work is split four ways, and ours overlaps what is left of it.
  const [header, definitions, targets, results] = await Promise.all([
    planQuery(t, columns, planId, at)
      .execute(db)
      .then(({ rows }) => (rows[0] === undefined ? null : planOf(rows[0]))),
    indicatorsQuery(t, planId, at)
      .execute(db)
      .then(({ rows }) => rows.map(({ code, status, definition }) => ({ code, status, definition: JSON.parse(definition) as IndicatorDefinition }))),
    targetsQuery(t, planId, at)
      .execute(db)
      .then(({ rows }) => new Map(rows.map((row) => [row.code, targetsOf(row.targets)]))),
    resultsQuery(t, columns, planId, at)
      .execute(db)
      .then(({ rows }) => new Map(rows.map((row) => [row.code, resultsOf(row.results, row.warnings)]))),
  ]);
  if (header === null) return null;

  const indicators: IndicatorFacts[] = definitions.map(({ code, status, definition }) => ({
    code,
    status,
    definition,
    targets: targets.get(code) ?? {},
    results: results.get(code) ?? {},
    // Like the fold, a justification stays with its code across a re-registration.
    justifications: header.justifications.get(code) ?? [],
  }));
  // SQL already sorts under COLLATE "C"; sorting again keeps the order a property of this code, not of the schema.
  indicators.sort((a, b) => compareCodes(a.code, b.code));
  return { plan: header.plan, indicators };
}

function planOf(row: { state: string; units: string | null; justifications: string | null }) {
  const units: Record<string, Unit> = {};
  for (const [code, name, parentCode, areaClass, retired] of JSON.parse(row.units ?? '[]') as UnitTuple[]) {
    // As the plan's state has it: the mark present only when true.
    units[code] = { code, name, parentCode, areaClass, ...(retired ? { retired } : {}) };
  }
  const plan = { ...(JSON.parse(row.state) as Omit<OpenPlanState, 'units'>), units } satisfies OpenPlanState;
  const justifications = new Map<string, JustificationFact[]>();
  for (const [code, period, justificationNumber, text, reserved, correctiveActions, recordedAt, actorId] of JSON.parse(
    row.justifications ?? '[]',
  ) as JustificationTuple[]) {
    let list = justifications.get(code);
    if (list === undefined) justifications.set(code, (list = []));
    // As the event has it: the mark present only when true.
    list.push({ period, justificationNumber, text, ...(reserved ? { reserved } : {}), correctiveActions, recordedAt, actorId });
  }
  return { plan, justifications };
}

type Table = (table: string) => ReturnType<typeof sql.table>;

/**
 * How the columns later migrations added are read: as columns where the
 * tables have them, which is always so for this code's own version (its
 * `migrate` ran before it went live); through the row's JSON where they do
 * not (an older version's tables, still live while this one builds beside
 * them: absent means not retired, not reserved, no warnings). Not the JSON
 * everywhere: building it for every result row took most of the database's
 * share of an evaluation (~45 of ~57 ms for a 1,000-indicator plan's 9,000
 * results).
 */
interface AddedColumns {
  readonly unitRetired: RawBuilder<boolean>;
  readonly justificationReserved: RawBuilder<boolean>;
  readonly resultWarnings: RawBuilder<unknown>;
}

const ADDED = [
  { table: 'unit_versions', column: 'retired' },
  { table: 'justifications', column: 'reserved' },
  { table: 'result_versions', column: 'warnings' },
] as const;

// Only schemas that have every added column are remembered: a migration adds columns and none drops them, so
// those answers cannot go stale, while a schema still missing one is looked at again until it has it.
const complete = new WeakMap<AnyKysely, Set<string>>();

async function addedColumns(db: AnyKysely, schema: string): Promise<AddedColumns> {
  let has: (column: (typeof ADDED)[number]['column']) => boolean = () => true;
  if (complete.get(db)?.has(schema) !== true) {
    const { rows } = await sql<{ table: string; column: string }>`
      SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${schema} AND NOT a.attisdropped
        AND (c.relname, a.attname) IN (${sql.join(ADDED.map(({ table, column }) => sql`(${table}, ${column})`))})`.execute(db);
    const found = new Set(rows.map((row) => row.column));
    has = (column) => found.has(column);
    if (ADDED.every(({ column }) => found.has(column))) {
      let schemas = complete.get(db);
      if (schemas === undefined) complete.set(db, (schemas = new Set()));
      schemas.add(schema);
    }
  }
  return {
    unitRetired: has('retired') ? sql`u.retired` : sql`coalesce((to_jsonb(u) ->> 'retired')::boolean, false)`,
    justificationReserved: has('reserved') ? sql`j.reserved` : sql`coalesce((to_jsonb(j) ->> 'reserved')::boolean, false)`,
    // As the JSON path reads it: a JSON null (never written) is no warnings.
    resultWarnings: has('warnings') ? sql`nullif(rv.warnings, 'null'::jsonb)` : sql`nullif(to_jsonb(rv) -> 'warnings', 'null'::jsonb)`,
  };
}

type UnitTuple = [code: string, name: string, parentCode: string | null, areaClass: Unit['areaClass'], retired: boolean];
type JustificationTuple = [
  code: string,
  period: string,
  number: number,
  text: string,
  reserved: boolean,
  actions: JustificationFact['correctiveActions'],
  recordedAt: string,
  actorId: string,
];

/*
 * Figures travel as one text per indicator, `period value …` for targets and
 * `period value numerator denominator …` for results (`-` for none): a plan's
 * thousands of figures as a thousand strings for the driver to decode instead
 * of thousands of rows of a handful of strings and an object each. Periods and
 * decimals never hold a space: the projection stores what the domain's
 * schemas accepted.
 *
 * As `evolve` does, a re-opening (or re-registration) starts afresh: units
 * older than the plan's opening, and figures older than the indicator's
 * registration, are left out. A figure's latest version is picked first and
 * left out after, as before; which is the same as filtering first, since the
 * latest is the newest.
 */

/**
 * The plan's header, its units and every justification (in order of addition per code); no row before its opening.
 * `retired` and `reserved` as `columns` says (see `AddedColumns`).
 */
function planQuery(t: Table, columns: AddedColumns, planId: string, at: string) {
  return sql<{ state: string; units: string | null; justifications: string | null }>`
    WITH header AS (
      SELECT opened_from, state FROM ${t('plan_versions')}
      WHERE plan_id = ${planId} AND valid_from <= ${at}
      ORDER BY valid_from DESC LIMIT 1
    )
    SELECT state::text AS state,
      (SELECT json_agg(json_build_array(code, name, parent_code, area_class, retired) ORDER BY code)::text
        FROM (
          SELECT DISTINCT ON (code) code, valid_from, name, parent_code, area_class,
            ${columns.unitRetired} AS retired
          FROM ${t('unit_versions')} u
          WHERE plan_id = ${planId} AND valid_from <= ${at}
          ORDER BY code, valid_from DESC
        ) latest
        WHERE latest.valid_from >= header.opened_from) AS units,
      (SELECT json_agg(json_build_array(j.code, j.period, j.justification_number, j.text, ${columns.justificationReserved},
            j.corrective_actions, j.recorded_at, j.actor_id)
          ORDER BY j.code, j.valid_from)::text
        FROM ${t('justifications')} j
        WHERE j.plan_id = ${planId} AND j.valid_from <= ${at}) AS justifications
    FROM header`;
}

/** Each indicator's latest definition and status. */
function indicatorsQuery(t: Table, planId: string, at: string) {
  return sql<{ code: string; status: IndicatorFacts['status']; definition: string }>`
    SELECT DISTINCT ON (code) code, status, definition::text AS definition FROM ${t('indicator_versions')}
    WHERE plan_id = ${planId} AND valid_from <= ${at}
    ORDER BY code, valid_from DESC`;
}

/** Each indicator's latest registration: figures older than it belonged to an earlier one. */
function latestRegistrations(t: Table, planId: string, at: string) {
  return sql`
    SELECT DISTINCT ON (code) code, registered_from FROM ${t('indicator_versions')}
    WHERE plan_id = ${planId} AND valid_from <= ${at}
    ORDER BY code, valid_from DESC`;
}

/** Each indicator's targets, as text. */
function targetsQuery(t: Table, planId: string, at: string) {
  return sql<{ code: string; targets: string }>`
    WITH registrations AS (${latestRegistrations(t, planId, at)})
    SELECT latest.code, string_agg(latest.period || ' ' || latest.value, ' ') AS targets
    FROM (
      SELECT DISTINCT ON (code, period) code, period, valid_from, value FROM ${t('target_versions')}
      WHERE plan_id = ${planId} AND valid_from <= ${at}
      ORDER BY code, period, valid_from DESC
    ) latest JOIN registrations r ON r.code = latest.code AND latest.valid_from >= r.registered_from
    GROUP BY latest.code`;
}

/**
 * Each indicator's results, as text, and the plausibility warnings of those
 * that have any, as JSON by period; `warnings` as `columns` says (see
 * `AddedColumns`).
 */
function resultsQuery(t: Table, columns: AddedColumns, planId: string, at: string) {
  return sql<{ code: string; results: string; warnings: string | null }>`
    WITH registrations AS (${latestRegistrations(t, planId, at)})
    SELECT latest.code,
      string_agg(latest.period || ' ' || CASE WHEN latest.kind = 'value' AND latest.value IS NOT NULL THEN latest.value ELSE '-' END
        || ' ' || coalesce(latest.numerator, '-') || ' ' || coalesce(latest.denominator, '-'), ' ') AS results,
      (json_object_agg(latest.period, latest.warnings) FILTER (WHERE latest.warnings IS NOT NULL))::text AS warnings
    FROM (
      SELECT DISTINCT ON (code, period) code, period, valid_from, kind, value, numerator, denominator,
        ${columns.resultWarnings} AS warnings
      FROM ${t('result_versions')} rv
      WHERE plan_id = ${planId} AND valid_from <= ${at}
      ORDER BY code, period, valid_from DESC
    ) latest JOIN registrations r ON r.code = latest.code AND latest.valid_from >= r.registered_from
    GROUP BY latest.code`;
}

function targetsOf(text: string): Record<string, string> {
  const targets: Record<string, string> = {};
  const parts = text.split(' ');
  for (let i = 0; i + 1 < parts.length; i += 2) targets[parts[i]!] = parts[i + 1]!;
  return targets;
}

function resultsOf(text: string, warnings: string | null): Record<string, ResultEntry> {
  const results: Record<string, ResultEntry> = {};
  const parts = text.split(' ');
  for (let i = 0; i + 3 < parts.length; i += 4) {
    const value = parts[i + 1]!;
    const numerator = parts[i + 2]!;
    const denominator = parts[i + 3]!;
    results[parts[i]!] =
      value === '-'
        ? { kind: 'no-data' }
        : numerator !== '-' && denominator !== '-'
          ? { kind: 'value', value, numerator, denominator }
          : { kind: 'value', value };
  }
  if (warnings === null) return results;
  for (const [period, list] of Object.entries(JSON.parse(warnings) as Record<string, PlausibilityWarning[]>)) {
    const entry = results[period];
    if (entry?.kind === 'value') results[period] = { ...entry, warnings: list };
  }
  return results;
}
