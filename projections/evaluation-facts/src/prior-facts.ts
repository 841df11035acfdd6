import type { IndicatorDefinition, OpenPlanState } from '@semaforo/domain';
import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import type { FactEvent } from './fact-event.js';
import { indicatorKey, needsPriorState, type IndicatorSnapshot, type PlanSnapshot, type PriorFacts, type UnitSnapshot } from './fact-rows.js';

/**
 * The plans, indicators and units whose earlier state a batch evolves (a perspective
 * added, a scale changed, an indicator amended or retired, a unit renamed or moved), as they stood
 * just before the batch's first event: the latest version with `valid_from`
 * below it. Reading "below the batch" rather than "the latest" is what makes
 * a batch applied twice give the same rows: the rows of its first
 * application are not before it. At most three queries per batch, whatever its
 * size; none for a batch of figures.
 */
export async function loadPriorFacts(db: AnyKysely, schema: string, events: readonly FactEvent[]): Promise<PriorFacts> {
  const first = events[0];
  if (first === undefined) return { plans: new Map(), indicators: new Map(), units: new Map() };
  const before = first.key;
  // Only events that evolve an earlier state need it, and only when that state was not made earlier in this batch.
  const planIds = new Set<string>();
  const openedHere = new Set<string>();
  const registeredHere = new Set<string>();
  const indicatorPlanIds: string[] = [];
  const indicatorCodes: string[] = [];
  const wanted = new Set<string>();
  const definedHere = new Set<string>();
  const unitPlanIds: string[] = [];
  const unitCodes: string[] = [];
  for (const fact of events) {
    if (fact.stream === 'plan') {
      const { planId } = fact.event.data;
      if (fact.event.type === 'UnitDefined') definedHere.add(indicatorKey(planId, fact.event.data.code));
      else if (fact.event.type === 'UnitRenamed' || fact.event.type === 'UnitMoved' || fact.event.type === 'UnitRetired') {
        const id = indicatorKey(planId, fact.event.data.code);
        if (!definedHere.has(id)) {
          definedHere.add(id);
          unitPlanIds.push(planId);
          unitCodes.push(fact.event.data.code);
        }
      }
      if (fact.event.type === 'PlanOpened') openedHere.add(planId);
      else if (needsPriorState(fact.event) && !openedHere.has(planId)) planIds.add(planId);
      continue;
    }
    const { planId, code } = fact.event.data;
    const id = indicatorKey(planId, code);
    if (fact.event.type === 'IndicatorRegistered') registeredHere.add(id);
    else if (needsPriorState(fact.event) && !registeredHere.has(id) && !wanted.has(id)) {
      wanted.add(id);
      indicatorPlanIds.push(planId);
      indicatorCodes.push(code);
    }
  }

  const plans = new Map<string, PlanSnapshot>();
  if (planIds.size > 0) {
    const { rows } = await sql<{ plan_id: string; opened_from: string; state: Omit<OpenPlanState, 'units'> }>`
      SELECT DISTINCT ON (plan_id) plan_id, opened_from, state
      FROM ${sql.table(`${schema}.plan_versions`)}
      WHERE plan_id = ANY(${[...planIds]}::text[]) AND valid_from < ${before}::numeric
      ORDER BY plan_id, valid_from DESC`.execute(db);
    for (const row of rows) {
      plans.set(row.plan_id, { state: { ...row.state, units: {} }, openedFrom: row.opened_from });
    }
  }

  const indicators = new Map<string, IndicatorSnapshot>();
  if (indicatorCodes.length > 0) {
    const { rows } = await sql<{
      plan_id: string;
      code: string;
      registered_from: string;
      status: 'active' | 'retired';
      definition: IndicatorDefinition;
    }>`
      SELECT DISTINCT ON (v.plan_id, v.code) v.plan_id, v.code, v.registered_from, v.status, v.definition
      FROM unnest(${indicatorPlanIds}::text[], ${indicatorCodes}::text[]) AS touched(plan_id, code)
      JOIN ${sql.table(`${schema}.indicator_versions`)} AS v
        ON v.plan_id = touched.plan_id COLLATE "C" AND v.code = touched.code COLLATE "C"
      WHERE v.valid_from < ${before}::numeric
      ORDER BY v.plan_id, v.code, v.valid_from DESC`.execute(db);
    for (const row of rows) {
      indicators.set(indicatorKey(row.plan_id, row.code), {
        state: {
          status: row.status,
          planId: row.plan_id,
          code: row.code,
          definition: row.definition,
          targets: {},
          results: {},
          justificationCount: 0,
        },
        registeredFrom: row.registered_from,
      });
    }
  }
  const units = new Map<string, UnitSnapshot>();
  if (unitCodes.length > 0) {
    const { rows } = await sql<{
      plan_id: string;
      code: string;
      name: string;
      parent_code: string | null;
      area_class: UnitSnapshot['areaClass'];
      retired: boolean;
    }>`
      SELECT DISTINCT ON (v.plan_id, v.code) v.plan_id, v.code, v.name, v.parent_code, v.area_class,
        coalesce((to_jsonb(v) ->> 'retired')::boolean, false) AS retired
      FROM unnest(${unitPlanIds}::text[], ${unitCodes}::text[]) AS touched(plan_id, code)
      JOIN ${sql.table(`${schema}.unit_versions`)} AS v
        ON v.plan_id = touched.plan_id COLLATE "C" AND v.code = touched.code COLLATE "C"
      WHERE v.valid_from < ${before}::numeric
      ORDER BY v.plan_id, v.code, v.valid_from DESC`.execute(db);
    for (const row of rows) {
      units.set(indicatorKey(row.plan_id, row.code), {
        name: row.name,
        parentCode: row.parent_code,
        areaClass: row.area_class,
        retired: row.retired,
      });
    }
  }
  return { plans, indicators, units };
}
