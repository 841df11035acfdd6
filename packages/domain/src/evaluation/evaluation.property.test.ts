import t, { type Test } from 'tap';
import fc from 'fast-check';
import { canonicalJson } from '@semaforo/canonical-json';
import { evaluatePlan } from './evaluate-plan.js';
import { evaluationDigest } from './evaluation-digest.js';
import type { Counts, Evaluation } from './evaluation.js';
import { build, periodIn, scenario, signedScenario } from './evaluation-scenario.fixture.js';
import { foldPlanFacts } from './fold-plan-facts.js';

// Targets, results and compliance may be negative since signed values; never "-0".
const EXACT = /^-?\d+(?:\.\d+)?$|^-?\d+\/\d+$/;
const DISPLAY = /^-?\d+(?:\.\d+)?$/;
const NEGATIVE_ZERO = /^-0+(?:\.0+)?$/;

/** Every rule the evaluation must keep whatever the history; returns what broke, so fast-check can shrink to it. */
function violations(evaluation: Evaluation, activeCodes: readonly string[]): string[] {
  const found: string[] = [];
  const check = (holds: boolean, message: string) => {
    if (!holds) found.push(message);
  };
  const { summary } = evaluation;
  const groups: ReadonlyArray<readonly [string, Counts]> = [
    ['plan', summary.plan],
    ...summary.byPerspective.map((p) => [`perspective ${p.code}`, p] as const),
    ...summary.byUnit.map((u) => [`unit ${u.code}`, u] as const),
    ...summary.byKind.map((k) => [`kind ${k.kind}`, k] as const),
  ];
  for (const [where, counts] of groups) {
    check(counts.evaluated === counts.good + counts.regular + counts.critical, `${where}: evaluated ≠ good + regular + critical`);
    check(counts.due === counts.evaluated + counts.notReported, `${where}: due ≠ evaluated + not reported`);
    check(counts.due <= counts.planned, `${where}: more due than planned`);
    check((counts.goodShare === null) === (counts.evaluated === 0), `${where}: a share without evaluations, or none with`);
  }
  check(summary.plan.planned === activeCodes.length, 'planned ≠ active indicators');
  check(summary.byKind.reduce((n, k) => n + k.planned, 0) === summary.plan.planned, 'kinds do not add up to the plan');
  check(
    summary.byUnit.filter((u) => u.parentCode === null).reduce((n, u) => n + u.planned, 0) === summary.plan.planned,
    'top-level units (rolled up) do not add up to the plan',
  );
  const byStatus = Object.values(evaluation.byStatus).flat().sort();
  check(canonicalJson(byStatus) === canonicalJson([...activeCodes].sort()), 'byStatus does not list each indicator once');
  for (const row of evaluation.indicators) {
    const judged = row.status === 'good' || row.status === 'regular' || row.status === 'critical';
    check(row.due === (row.status !== 'not-due'), `${row.code}: due and status disagree`);
    check(judged === (row.target !== null && row.result !== null), `${row.code}: judged without figures, or figures unjudged`);
    check(row.compliance === null || judged, `${row.code}: a compliance without a status`);
    check((row.reasonNotEvaluated !== undefined) === (row.status === 'not-reported'), `${row.code}: reason and status disagree`);
    check(row.periods.some((p) => p.counted) === judged, `${row.code}: counted periods and status disagree`);
  }
  const numbers = [
    ...groups.flatMap(([, c]) => [c.goodShare, c.regularShare, c.criticalShare]),
    ...evaluation.closingTable.map((row) => row.goodShare),
    ...evaluation.indicators.map((row) => row.compliance),
  ].flatMap((p) => (p === null ? [] : [p.exact, p.display]));
  numbers.push(...evaluation.indicators.flatMap((row) => [row.target, row.result].filter((v): v is string => v !== null)));
  for (const n of numbers) check((EXACT.test(n) || DISPLAY.test(n)) && !NEGATIVE_ZERO.test(n), `not a decimal or a fraction: ${n}`);
  for (const row of evaluation.indicators) {
    const exact = row.compliance?.exact;
    check(exact === undefined || !exact.startsWith('-') || row.status === 'critical', `${row.code}: a negative compliance that is not critical`);
  }
  check(!/NaN|Infinity/.test(canonicalJson(evaluation)), 'NaN or Infinity in the evaluation');
  return found;
}

function evaluatesEveryHistory(t: Test, histories: typeof scenario, negatives: boolean): void {
  let runs = 0;
  let judged = 0;
  let negative = 0;
  fc.assert(
    fc.property(histories, (s) => {
      runs += 1;
      const log = build(s);
      const facts = foldPlanFacts(log.events);
      if (facts === null) throw new Error('the plan was opened, so there are facts');

      // The fold agrees with the deciders' own state of every indicator.
      for (const indicator of facts.indicators) {
        const state = log.indicatorState(indicator.code);
        if (state.status === 'absent') throw new Error(`${indicator.code} folded but never registered`);
        const { status, definition, targets, results } = state;
        const folded = { status: indicator.status, definition: indicator.definition, targets: indicator.targets, results: indicator.results };
        if (canonicalJson({ status, definition, targets, results }) !== canonicalJson(folded)) {
          throw new Error(`${indicator.code}: the fold disagrees with the deciders`);
        }
      }

      const reportingPeriod = periodIn(s.fiscalYear, s.reporting.periodicity, s.reporting.slot);
      const options = s.decimals === undefined ? {} : { decimals: s.decimals };
      const evaluation = evaluatePlan(facts, reportingPeriod, options);
      const active = facts.indicators.filter((i) => i.status === 'active').map((i) => i.code);
      const broken = violations(evaluation, active);
      if (broken.length > 0) throw new Error(broken.join('; '));
      judged += evaluation.summary.plan.evaluated;
      negative += evaluation.indicators.filter((row) => row.target?.startsWith('-') === true || row.result?.startsWith('-') === true).length;

      // The same log, as a store would hand it back, evaluates to the same digest.
      const replayed = foldPlanFacts(JSON.parse(JSON.stringify(log.events)) as typeof log.events);
      if (replayed === null || evaluationDigest(evaluatePlan(replayed, reportingPeriod, options)) !== evaluationDigest(evaluation)) {
        throw new Error('a replay of the same log gave another digest');
      }
    }),
    { numRuns: 300 },
  );
  t.equal(runs, 300, 'every generated history was evaluated');
  t.ok(judged > 0, 'some indicators were actually judged, so the rules were exercised');
  if (negatives) t.ok(negative > 0, 'some judged figures were negative, so the signed rules were exercised');
}

t.test('given any history the deciders accept, when folded and evaluated for any period of the plan year', async (t) => {
  evaluatesEveryHistory(t, scenario, false);
});

t.test('given any history with negative targets and results, when folded and evaluated, then the same rules hold', async (t) => {
  evaluatesEveryHistory(t, signedScenario, true);
});
