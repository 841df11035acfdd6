import { canonicalJson, evaluatePlan, evaluationDigest, formatPeriod, PERIODICITIES, periodsOf, type Evaluation, type PlanFacts } from '@semaforo/domain';
import { formatLogPosition, type EventStore } from '@semaforo/event-store';
import { evaluationFactsAsOf, planFactsAt } from '@semaforo/projection-evaluation-facts';
import type { AnyKysely } from '@semaforo/sql';
import { diffValues, type Difference } from './diff-values.js';
import { foldPlanAt } from './fold-plan-at.js';

export interface PeriodVerdict {
  readonly period: string;
  /** Null when that side could not evaluate the period (then `error` says why). */
  readonly readModelDigest: string | null;
  readonly inMemoryDigest: string | null;
  readonly same: boolean;
  readonly differences: readonly Difference[];
}

export interface Verification {
  /** `"<commit>:<prepare>"`: both paths answered at this position. */
  readonly position: string;
  /** Whether each path found the plan at that position. */
  readonly planInReadModel: boolean;
  readonly planInLog: boolean;
  readonly periods: readonly PeriodVerdict[];
  readonly same: boolean;
}

export interface VerifyOptions {
  readonly planId: string;
  readonly asOf?: string | undefined;
  readonly onProgress?: (message: string) => void;
}

/**
 * Holds the read model against the log: at one position, for EVERY period id
 * of the plan's year (annual, semesters, four-month periods, quarters,
 * bimesters, months), the read model's evaluation and the in-memory
 * evaluator's (raw events folded by the pure domain code) must have the same
 * digest; where not, the places where they differ are listed.
 */
export async function verify(db: AnyKysely, store: EventStore, options: VerifyOptions): Promise<Verification> {
  const progress = options.onProgress ?? (() => {});
  const { schema, position } = await evaluationFactsAsOf(db, options.asOf);
  progress(`verifying ${options.planId} at position ${formatLogPosition(position)}`);
  const fromReadModel = await planFactsAt(db, options.planId, position, schema);
  const fromLog = await foldPlanAt(store, options.planId, position, (read) => progress(`read ${read} events of the log`));
  const facts = fromLog ?? fromReadModel;
  const base = { position: formatLogPosition(position), planInReadModel: fromReadModel !== null, planInLog: fromLog !== null };
  if (facts === null) return { ...base, periods: [], same: true };
  if (fromReadModel === null || fromLog === null) return { ...base, periods: [], same: false };

  const periods: PeriodVerdict[] = [];
  for (const period of periodIdsOf(facts)) {
    const left = evaluate(fromReadModel, period);
    const right = evaluate(fromLog, period);
    const readModelDigest = 'evaluation' in left ? evaluationDigest(left.evaluation) : null;
    const inMemoryDigest = 'evaluation' in right ? evaluationDigest(right.evaluation) : null;
    // Both may refuse a period (an unknown method, say): then they must refuse it alike.
    const same = readModelDigest !== null ? readModelDigest === inMemoryDigest : canonicalJson(valueOf(left)) === canonicalJson(valueOf(right));
    periods.push({
      period,
      readModelDigest,
      inMemoryDigest,
      same,
      differences: same ? [] : diffValues(valueOf(left), valueOf(right)),
    });
  }
  return { ...base, periods, same: periods.every((verdict) => verdict.same) };
}

/** Every period id of the plan's fiscal year, from the annual one to the months. */
export function periodIdsOf(facts: PlanFacts): string[] {
  const year = facts.plan.fiscalYear;
  return [...PERIODICITIES].reverse().flatMap((periodicity) => periodsOf(year, periodicity).map(formatPeriod));
}

type Outcome = { readonly evaluation: Evaluation } | { readonly error: string };

function evaluate(facts: PlanFacts, period: string): Outcome {
  try {
    return { evaluation: evaluatePlan(facts, period) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function valueOf(outcome: Outcome): unknown {
  return 'evaluation' in outcome ? outcome.evaluation : { error: outcome.error };
}
