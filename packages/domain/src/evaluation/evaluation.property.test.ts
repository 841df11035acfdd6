import t from 'tap';
import fc from 'fast-check';
import { ACCUMULATIONS, POLARITIES } from '../compliance/index.js';
import { INDICATOR_KINDS, MEASURES, type IndicatorDefinition } from '../indicator/indicator-definition.js';
import { formatPeriod, PERIODICITIES, periodsOf, type Periodicity } from '../period/index.js';
import { DomainError } from '../shared/domain-error.js';
import { canonicalJson } from '@semaforo/canonical-json';
import { evaluatePlan } from './evaluate-plan.js';
import { evaluationDigest } from './evaluation-digest.js';
import type { Counts, Evaluation } from './evaluation.js';
import { foldPlanFacts } from './fold-plan-facts.js';
import { aPlanLog, type PlanLog } from './plan-log.fixture.js';

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** Decimal strings the write side accepts, weighted towards the edges: zero, tiny, huge, many decimals. */
const decimal = fc.oneof(
  fc.constant('0'),
  fc.constantFrom('0.0000000001', '99999999999999999999.9999999999', '85', '99', '100', '99.01'),
  fc.nat({ max: 1000 }).map(String),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 10n - 1n }), fc.integer({ min: 1, max: 10 }))
    .map(([whole, fraction, digits]) => `${whole}.${fraction.toString().padStart(10, '0').slice(0, digits)}`),
);

const definition = fc.record({
  kind: fc.constantFrom(...INDICATOR_KINDS),
  perspective: fc.constantFrom('usuarios', 'financiera'),
  unitIndex: fc.nat(),
  measure: fc.constantFrom(...MEASURES),
  periodicity: fc.constantFrom(...PERIODICITIES),
  polarity: fc.constantFrom(...POLARITIES),
  accumulation: fc.constantFrom(...ACCUMULATIONS),
  decimals: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
});

/** What someone might do to the plan; many of these are refused by the deciders, and that is part of the story. */
const operation = fc.oneof(
  // A whole year of targets and results at once, so that many indicators reach a status.
  {
    arbitrary: fc.record({
      op: fc.constant('fill' as const),
      indicator: fc.nat(),
      values: fc.array(fc.tuple(decimal, decimal), { minLength: 12, maxLength: 12 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ op: fc.constant('both' as const), indicator: fc.nat(), slot: fc.nat(), target: decimal, result: decimal }),
    weight: 3,
  },
  fc.record({ op: fc.constant('target' as const), indicator: fc.nat(), slot: fc.nat(), value: decimal }),
  fc.record({ op: fc.constant('result' as const), indicator: fc.nat(), slot: fc.nat(), value: decimal }),
  fc.record({ op: fc.constant('noData' as const), indicator: fc.nat(), slot: fc.nat() }),
  fc.record({
    op: fc.constant('justify' as const),
    indicator: fc.nat(),
    slot: fc.nat(),
    periodicity: fc.constantFrom(...PERIODICITIES),
  }),
  fc.record({ op: fc.constant('retire' as const), indicator: fc.nat() }),
  fc.record({ op: fc.constant('amend' as const), indicator: fc.nat(), changes: definition }),
  fc.record({ op: fc.constant('scale' as const), bounds: fc.tuple(decimal, decimal) }),
);

const scenario = fc.record({
  fiscalYear: fc.integer({ min: 2000, max: 2100 }),
  // Each unit's parent is one of the units defined before it, or none.
  parents: fc.array(fc.option(fc.nat(), { nil: undefined }), { maxLength: 6 }),
  indicators: fc.array(definition, { minLength: 1, maxLength: 8 }),
  operations: fc.array(operation, { maxLength: 40, size: 'medium' }),
  reporting: fc.record({ periodicity: fc.constantFrom(...PERIODICITIES), slot: fc.nat() }),
  decimals: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
});

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
const periodIn = (year: number, periodicity: Periodicity, slot: number) => formatPeriod(pick(periodsOf(year, periodicity), slot));

/** Runs a command; a DomainError means the write side refused it, which leaves the log as it was. */
const attempt = (run: () => void): void => {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
};

function build(s: ValueOf<typeof scenario>): PlanLog {
  const log = aPlanLog({ fiscalYear: s.fiscalYear });
  const units = ['DIR'];
  s.parents.forEach((parent, index) => {
    const code = `U${index}`;
    log.unit(code, parent === undefined ? undefined : pick(units, parent));
    units.push(code);
  });
  const toDefinition = ({ unitIndex, decimals, ...rest }: ValueOf<typeof definition>): Partial<IndicatorDefinition> => ({
    ...rest,
    unit: pick(units, unitIndex),
    ...(decimals === undefined ? {} : { decimals }),
  });
  const codes = s.indicators.map((d, index) => {
    const code = `IND-${index}`;
    log.register(code, toDefinition(d));
    return code;
  });
  const periodicityOf = (code: string): Periodicity => {
    const state = log.indicatorState(code);
    return state.status === 'absent' ? 'annual' : state.definition.periodicity;
  };
  for (const o of s.operations) {
    switch (o.op) {
      case 'fill': {
        const code = pick(codes, o.indicator);
        periodsOf(s.fiscalYear, periodicityOf(code)).forEach((period, index) => {
          const [target, result] = pick(o.values, index);
          attempt(() => log.target(code, formatPeriod(period), target));
          attempt(() => log.result(code, formatPeriod(period), result));
        });
        break;
      }
      case 'both': {
        const code = pick(codes, o.indicator);
        const period = periodIn(s.fiscalYear, periodicityOf(code), o.slot);
        attempt(() => log.target(code, period, o.target));
        attempt(() => log.result(code, period, o.result));
        break;
      }
      case 'target':
      case 'result':
      case 'noData': {
        const code = pick(codes, o.indicator);
        const period = periodIn(s.fiscalYear, periodicityOf(code), o.slot);
        attempt(() => (o.op === 'noData' ? log.noData(code, period) : log[o.op](code, period, o.value)));
        break;
      }
      case 'justify':
        attempt(() => log.justify(pick(codes, o.indicator), periodIn(s.fiscalYear, o.periodicity, o.slot), 'Justificación'));
        break;
      case 'retire':
        attempt(() => log.retire(pick(codes, o.indicator)));
        break;
      case 'amend': {
        const changes = toDefinition(o.changes);
        attempt(() =>
          log.indicator({ type: 'AmendIndicator', data: { code: pick(codes, o.indicator), changes, reason: 'Ajuste' } }),
        );
        break;
      }
      case 'scale':
        attempt(() =>
          log.plan({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: o.bounds[0], goodAbove: o.bounds[1] } } }),
        );
        break;
    }
  }
  return log;
}

const EXACT = /^\d+(?:\.\d+)?$|^\d+\/\d+$/;
const DISPLAY = /^\d+(?:\.\d+)?$/;

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
  check(
    summary.byKind.reduce((n, k) => n + k.planned, 0) === summary.plan.planned,
    'kinds do not add up to the plan',
  );
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
  for (const n of numbers) check(EXACT.test(n) || DISPLAY.test(n), `not a decimal or a fraction: ${n}`);
  check(!/NaN|Infinity/.test(canonicalJson(evaluation)), 'NaN or Infinity in the evaluation');
  return found;
}

t.test('given any history the deciders accept, when folded and evaluated for any period of the plan year', async (t) => {
  let runs = 0;
  let judged = 0;
  fc.assert(
    fc.property(scenario, (s) => {
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
});
