import { evaluatePlan, evaluationDigest, foldPlanFacts, type Evaluation, type PlanFacts, type PlanLogEvent } from '@semaforo/domain';
import { loadCatalog } from '../../bench/src/dataset/catalog.js';
import { decideDataset } from '../../bench/src/dataset/decide-dataset.js';
import { generateDataset } from '../../bench/src/dataset/generate-dataset.js';

export const BENCH_YEAR = 2021;

/**
 * The bench's 1,000-indicator plan (`bench/src/dataset`, seed 42, shaped like the national
 * catalog), as its log stood at a past moment: every event recorded up to `until`, folded by the
 * pure domain code. No database: the documents are what is under test, not the read model.
 */
export function benchPlanAt(until: string, indicators = 1_000): { facts: PlanFacts; events: number } {
  const events: PlanLogEvent[] = [];
  for (const decided of decideDataset(
    generateDataset({ seed: 42, institutions: 1, years: 1, firstYear: BENCH_YEAR, indicatorsPerInstitution: indicators, catalog: loadCatalog() }),
  )) {
    const metadata = decided.event.metadata as unknown as PlanLogEvent['metadata'];
    if (metadata.recordedAt > until) break;
    events.push({ type: decided.event.type, data: decided.event.data, metadata });
  }
  const facts = foldPlanFacts(events);
  if (facts === null) throw new Error(`the bench plan was not opened by ${until}`);
  return { facts, events: events.length };
}

export function benchEvaluation(until: string, period: string): { facts: PlanFacts; evaluation: Evaluation; digest: string } {
  const { facts } = benchPlanAt(until);
  const evaluation = evaluatePlan(facts, period);
  return { facts, evaluation, digest: evaluationDigest(evaluation) };
}
