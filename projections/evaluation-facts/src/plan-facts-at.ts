import {
  compareCodes,
  type IndicatorDefinition,
  type IndicatorFacts,
  type JustificationFact,
  type OpenPlanState,
  type PlanFacts,
  type ResultEntry,
  type Unit,
} from '@semaforo/domain';
import type { LogPosition } from '@semaforo/event-store';
import { positionKey } from '@semaforo/projector';
import type { Kysely } from 'kysely';
import { EVALUATION_FACTS_SCHEMA } from './evaluation-facts-projection.js';
import type { EvaluationFactsDatabase } from './tables.js';

/**
 * The facts of one plan as known at `position`, built from the read model's
 * rows: the latest version of each fact with `valid_from <= position`. Equal
 * to `foldPlanFacts` over the plan's events up to that position (the digests
 * of their evaluations match; see packages/domain/src/evaluation/README.md
 * for the spelling both paths share). Null when the plan had not been opened.
 *
 * Six indexed reads whatever the history's length; none replays events.
 * `schema` is the projection version's schema (`resolveAsOf` says which is
 * live); by default this code's version.
 */
export async function planFactsAt(
  db: Kysely<any>,
  planId: string,
  position: LogPosition,
  schema: string = EVALUATION_FACTS_SCHEMA,
): Promise<PlanFacts | null> {
  const facts = (db as Kysely<EvaluationFactsDatabase>).withSchema(schema);
  const at = positionKey(position);

  const header = await facts
    .selectFrom('plan_versions')
    .select(['opened_from', 'state'])
    .where('plan_id', '=', planId)
    .where('valid_from', '<=', at)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (header === undefined) return null;

  const [unitRows, indicatorRows, targetRows, resultRows, justificationRows] = await Promise.all([
    facts
      .selectFrom('unit_versions')
      .distinctOn('code')
      .select(['code', 'valid_from', 'name', 'parent_code', 'area_class'])
      .where('plan_id', '=', planId)
      .where('valid_from', '<=', at)
      .orderBy('code')
      .orderBy('valid_from', 'desc')
      .execute(),
    facts
      .selectFrom('indicator_versions')
      .distinctOn('code')
      .select(['code', 'registered_from', 'status', 'definition'])
      .where('plan_id', '=', planId)
      .where('valid_from', '<=', at)
      .orderBy('code')
      .orderBy('valid_from', 'desc')
      .execute(),
    facts
      .selectFrom('target_versions')
      .distinctOn(['code', 'period'])
      .select(['code', 'period', 'valid_from', 'value'])
      .where('plan_id', '=', planId)
      .where('valid_from', '<=', at)
      .orderBy('code')
      .orderBy('period')
      .orderBy('valid_from', 'desc')
      .execute(),
    facts
      .selectFrom('result_versions')
      .distinctOn(['code', 'period'])
      .select(['code', 'period', 'valid_from', 'kind', 'value', 'numerator', 'denominator'])
      .where('plan_id', '=', planId)
      .where('valid_from', '<=', at)
      .orderBy('code')
      .orderBy('period')
      .orderBy('valid_from', 'desc')
      .execute(),
    facts
      .selectFrom('justifications')
      .select(['code', 'period', 'justification_number', 'text', 'corrective_actions', 'recorded_at', 'actor_id'])
      .where('plan_id', '=', planId)
      .where('valid_from', '<=', at)
      .orderBy('code')
      .orderBy('valid_from')
      .execute(),
  ]);

  // A re-opening (or re-registration) starts afresh, as `evolve` does: what came before it is not part of it.
  const openedFrom = BigInt(header.opened_from);
  const units: Record<string, Unit> = {};
  for (const row of unitRows) {
    if (BigInt(row.valid_from) < openedFrom) continue;
    units[row.code] = { code: row.code, name: row.name, parentCode: row.parent_code, areaClass: row.area_class as Unit['areaClass'] };
  }
  const plan = { ...(header.state as Omit<OpenPlanState, 'units'>), units } satisfies OpenPlanState;

  interface Building {
    readonly registeredFrom: bigint;
    readonly targets: Record<string, string>;
    readonly results: Record<string, ResultEntry>;
    readonly justifications: JustificationFact[];
    readonly fact: Omit<IndicatorFacts, 'targets' | 'results' | 'justifications'>;
  }
  const indicators = new Map<string, Building>();
  for (const row of indicatorRows) {
    indicators.set(row.code, {
      registeredFrom: BigInt(row.registered_from),
      targets: {},
      results: {},
      justifications: [],
      fact: { code: row.code, status: row.status, definition: row.definition as IndicatorDefinition },
    });
  }
  for (const row of targetRows) {
    const indicator = indicators.get(row.code);
    if (indicator === undefined || BigInt(row.valid_from) < indicator.registeredFrom) continue;
    indicator.targets[row.period] = row.value;
  }
  for (const row of resultRows) {
    const indicator = indicators.get(row.code);
    if (indicator === undefined || BigInt(row.valid_from) < indicator.registeredFrom) continue;
    indicator.results[row.period] = resultEntry(row);
  }
  for (const row of justificationRows) {
    // Like the fold, a justification stays with its code across a re-registration.
    indicators.get(row.code)?.justifications.push({
      period: row.period,
      justificationNumber: row.justification_number,
      text: row.text,
      correctiveActions: row.corrective_actions as JustificationFact['correctiveActions'],
      recordedAt: row.recorded_at,
      actorId: row.actor_id,
    });
  }

  const indicatorFacts: IndicatorFacts[] = [...indicators.values()].map(({ fact, targets, results, justifications }) => ({
    ...fact,
    targets,
    results,
    justifications,
  }));
  // SQL already sorts under COLLATE "C"; sorting again keeps the order a property of this code, not of the schema.
  indicatorFacts.sort((a, b) => compareCodes(a.code, b.code));
  return { plan, indicators: indicatorFacts };
}

function resultEntry(row: { kind: 'value' | 'no-data'; value: string | null; numerator: string | null; denominator: string | null }): ResultEntry {
  if (row.kind === 'no-data' || row.value === null) return { kind: 'no-data' };
  return row.numerator !== null && row.denominator !== null
    ? { kind: 'value', value: row.value, numerator: row.numerator, denominator: row.denominator }
    : { kind: 'value', value: row.value };
}
