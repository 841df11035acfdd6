import fc from 'fast-check';
import { ACCUMULATIONS, POLARITIES } from '../compliance/index.js';
import { INDICATOR_KINDS, MEASURES, type IndicatorDefinition } from '../indicator/indicator-definition.js';
import { formatPeriod, PERIODICITIES, periodsOf, type Periodicity } from '../period/index.js';
import { DomainError } from '../shared/domain-error.js';
import { aPlanLog, type PlanLog } from './plan-log.fixture.js';

/*
 * Random plan histories for the evaluation's property and golden tests:
 * what someone might do to a plan (many of it refused by the deciders, which
 * is part of the story), built into a log through the real deciders.
 */

export type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** Decimal strings the write side accepts, weighted towards the edges: zero, tiny, huge, many decimals. */
export const decimal = fc.oneof(
  fc.constant('0'),
  fc.constantFrom('0.0000000001', '99999999999999999999.9999999999', '85', '99', '100', '99.01'),
  fc.nat({ max: 1000 }).map(String),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 10n - 1n }), fc.integer({ min: 1, max: 10 }))
    .map(([whole, fraction, digits]) => `${whole}.${fraction.toString().padStart(10, '0').slice(0, digits)}`),
);

export const definition = fc.record({
  kind: fc.constantFrom(...INDICATOR_KINDS),
  perspective: fc.constantFrom('usuarios', 'financiera'),
  unitIndex: fc.nat(),
  measure: fc.constantFrom(...MEASURES),
  periodicity: fc.constantFrom(...PERIODICITIES),
  polarity: fc.constantFrom(...POLARITIES),
  accumulation: fc.constantFrom(...ACCUMULATIONS),
  decimals: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
});

/**
 * Signed decimal strings: `decimal` or its negative (never "-0"), for the
 * histories with financial gaps and falling rates.
 */
export const signedDecimal = fc.tuple(decimal, fc.boolean()).map(([value, negative]) => (negative && /[1-9]/.test(value) ? `-${value}` : value));

/**
 * What someone might do to the plan; many of these are refused by the deciders, and that is part of the story.
 * `value` makes targets and results; the scale's bounds are always non-negative decimals.
 */
const operationWith = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    // A whole year of targets and results at once, so that many indicators reach a status.
    {
      arbitrary: fc.record({
        op: fc.constant('fill' as const),
        indicator: fc.nat(),
        values: fc.array(fc.tuple(value, value), { minLength: 12, maxLength: 12 }),
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({ op: fc.constant('both' as const), indicator: fc.nat(), slot: fc.nat(), target: value, result: value }),
      weight: 3,
    },
    fc.record({ op: fc.constant('target' as const), indicator: fc.nat(), slot: fc.nat(), value }),
    fc.record({ op: fc.constant('result' as const), indicator: fc.nat(), slot: fc.nat(), value }),
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

const scenarioWith = (value: fc.Arbitrary<string>) =>
  fc.record({
    fiscalYear: fc.integer({ min: 2000, max: 2100 }),
    // Each unit's parent is one of the units defined before it, or none.
    parents: fc.array(fc.option(fc.nat(), { nil: undefined }), { maxLength: 6 }),
    indicators: fc.array(definition, { minLength: 1, maxLength: 8 }),
    operations: fc.array(operationWith(value), { maxLength: 40, size: 'medium' }),
    reporting: fc.record({ periodicity: fc.constantFrom(...PERIODICITIES), slot: fc.nat() }),
    decimals: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  });

/** Histories of non-negative values: what the golden file was generated from (it must keep generating the same ones). */
export const scenario = scenarioWith(decimal);

/** Histories whose targets and results may be negative. */
export const signedScenario = scenarioWith(signedDecimal);

export const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
export const periodIn = (year: number, periodicity: Periodicity, slot: number) => formatPeriod(pick(periodsOf(year, periodicity), slot));

/** Runs a command; a DomainError means the write side refused it, which leaves the log as it was. */
const attempt = (run: () => void): void => {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
};

export function build(s: ValueOf<typeof scenario>): PlanLog {
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
        attempt(() => log.indicator({ type: 'AmendIndicator', data: { code: pick(codes, o.indicator), changes, reason: 'Ajuste' } }));
        break;
      }
      case 'scale':
        attempt(() => log.plan({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: o.bounds[0], goodAbove: o.bounds[1] } } }));
        break;
    }
  }
  return log;
}
