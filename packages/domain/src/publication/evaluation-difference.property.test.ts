import t from 'tap';
import fc from 'fast-check';
import { canonicalJson } from '@semaforo/canonical-json';
import { evaluatePlan } from '../evaluation/evaluate-plan.js';
import { evaluationDigest } from '../evaluation/evaluation-digest.js';
import type { Evaluation } from '../evaluation/evaluation.js';
import { build, periodIn, scenario } from '../evaluation/evaluation-scenario.fixture.js';
import { foldPlanFacts } from '../evaluation/fold-plan-facts.js';
import { evaluationDifference } from './evaluation-difference.js';

/*
 * The difference between the evaluations of one plan at three points of its
 * log A <= B <= C (an edition, a restatement, now), for histories the real
 * deciders accepted (targets, results, corrections, "no data",
 * justifications, amendments, retirements, scale changes).
 */
const cuts = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));

t.test('given any history and any three points A <= B <= C of its log', async (t) => {
  let runs = 0;
  let nonEmpty = 0;
  let empty = 0;
  fc.assert(
    fc.property(scenario, cuts, (s, fractions) => {
      runs += 1;
      const { events } = build(s);
      const period = periodIn(s.fiscalYear, s.reporting.periodicity, s.reporting.slot);
      // Every prefix holds the opening (event 1); the cut points are counts of events.
      const [a, b, c] = fractions.map((f) => 1 + Math.floor(f * (events.length - 1))).sort((x, y) => x - y) as [number, number, number];
      const at = (n: number): Evaluation => evaluatePlan(foldPlanFacts(events.slice(0, n))!, period);
      const [A, B, C] = [at(a), at(b), at(c)];

      // Empty exactly when the two answers are the same bytes.
      const ac = evaluationDifference(A, C);
      if (ac.empty !== (evaluationDigest(A) === evaluationDigest(C))) {
        throw new Error(`empty is ${ac.empty} but the digests are ${evaluationDigest(A) === evaluationDigest(C) ? 'equal' : 'different'}`);
      }
      if (ac.empty) empty += 1;
      else nonEmpty += 1;
      if (ac.empty && (ac.indicators.length > 0 || ac.plan.length > 0)) throw new Error('an empty difference lists changes');

      // Every change from A to C is a change from A to B or from B to C, with A's figures before and C's after.
      const ab = new Set(evaluationDifference(A, B).indicators.map((d) => d.code));
      const bc = new Set(evaluationDifference(B, C).indicators.map((d) => d.code));
      const figures = (e: Evaluation, code: string) => {
        const i = e.indicators.find((x) => x.code === code);
        return i === undefined ? null : { target: i.target, result: i.result, compliance: i.compliance, status: i.status };
      };
      for (const d of ac.indicators) {
        if (!ab.has(d.code) && !bc.has(d.code)) throw new Error(`${d.code} changed from A to C but neither from A to B nor from B to C`);
        if (canonicalJson(d.before) !== canonicalJson(figures(A, d.code))) throw new Error(`${d.code}: before is not A's`);
        if (canonicalJson(d.after) !== canonicalJson(figures(C, d.code))) throw new Error(`${d.code}: after is not C's`);
      }
      // And the counts are A's and C's.
      if (canonicalJson(ac.summary) !== canonicalJson({ before: A.summary.plan, after: C.summary.plan })) throw new Error('the counts are not A → C');
    }),
    { numRuns: 200 },
  );
  t.equal(runs, 200);
  t.ok(nonEmpty > 0 && empty > 0, `both kinds of difference were exercised (${nonEmpty} with changes, ${empty} empty)`);
});
