import t from 'tap';
import { evaluatePlan, evaluationDigest, foldPlanFacts } from '@semaforo/domain';
import { EVALUATION_FACTS_SCHEMA, evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';
import { availableBackends, largePlanEvents } from './testing/index.js';

/*
 * Measures, does not assert timings (no timed assertions in tests): the
 * numbers go to the test log. What it asserts is that the fast path gives
 * the fold's answer on a plan of a thousand indicators.
 */
const INDICATORS = 1_000;
const BATCH = 1_000;
const RUNS = 30;

t.test(`a ${INDICATORS}-indicator plan, evaluated at a past position`, async (t) => {
  const events = largePlanEvents({ indicators: INDICATORS });
  // The evaluation looks back at the end of June, while the read model already holds the whole year.
  const june = events.findLastIndex((event) => event.type === 'ResultReported' && String((event.data as { period: string }).period) === '2023-M06');
  const past = events[june]!.position;

  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const { db } = backend;
      await evaluationFactsProjection.migrate(db, EVALUATION_FACTS_SCHEMA);
      const applyStarted = performance.now();
      for (let i = 0; i < events.length; i += BATCH) {
        const batch = events.slice(i, i + BATCH);
        await db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, EVALUATION_FACTS_SCHEMA, batch));
      }
      const applySeconds = (performance.now() - applyStarted) / 1000;
      t.comment(
        `${backend.kind}: applied ${events.length} events in ${applySeconds.toFixed(2)} s: ${Math.round(events.length / applySeconds)} events/s (batches of ${BATCH})`,
      );

      const expected = evaluatePlan(foldPlanFacts(events.slice(0, june + 1))!, '2023-Q2');
      const whole: number[] = [];
      const factsOnly: number[] = [];
      let digest = '';
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        const facts = await planFactsAt(db, 'bigger-2023', past);
        factsOnly.push(performance.now() - started);
        digest = evaluationDigest(evaluatePlan(facts!, '2023-Q2'));
        whole.push(performance.now() - started);
      }
      t.equal(digest, evaluationDigest(expected), "the read model gives the in-memory evaluator's evaluation");
      t.equal(expected.indicators.length, INDICATORS);
      const summary = (durations: number[]) => {
        const sorted = [...durations].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
        return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
      };
      t.comment(`${backend.kind}: ${INDICATORS} indicators at a past position, ${RUNS} runs: planFactsAt ${summary(factsOnly)}`);
      t.comment(`${backend.kind}: planFactsAt + evaluatePlan + digest: ${summary(whole)}`);
    });
  }
});
