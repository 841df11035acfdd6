import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { evaluatePlan, foldPlanFacts } from '@semaforo/domain';
import { readAllThrough } from '@semaforo/event-store/testing';
import { evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';
import { aDefinition, backendOfKind, storyWriter } from './testing/index.js';

/*
 * Signed targets and results through the read model, on PGlite and on
 * PostgreSQL: kept as written (a NUMERIC never re-spells them), folded into
 * the same facts as the raw events, evaluated by DOMAIN.md's rules for a
 * negative target.
 */
const PLAN = 'upisss-2021';

for (const kind of ['pglite', 'postgres'] as const) {
  t.test(`on ${kind}`, async (t) => {
    const backend = await backendOfKind(t, kind);
    if (backend === undefined) {
      t.pass(`${kind} unavailable: skipped with a warning (a failure in CI)`);
      return;
    }
    const w = storyWriter(new WriteSide(backend.store), undefined, PLAN);
    await w.plan({
      type: 'OpenPlan',
      data: {
        institutionId: 'upisss',
        fiscalYear: 2021,
        fiscalYearStartMonth: 1,
        name: 'PAT 2021',
        perspectives: [{ code: 'financiera', name: 'Financiera' }],
      },
    });
    await w.plan({ type: 'DefineUnit', data: { code: 'DNGF', name: 'Gestión Financiera', areaClass: 'administrative' } });
    const gap = aDefinition({ name: 'Brecha financiera', perspective: 'financiera', unit: 'DNGF', measure: 'currency', accumulation: 'last' });
    await w.indicator({ type: 'RegisterIndicator', data: { code: 'IE-BRECHA', ...gap } });
    await w.indicator({ type: 'RegisterIndicator', data: { code: 'IE-TASA', ...gap, name: 'Tasa de variación', measure: 'percent' } });
    await w.indicator({ type: 'SetTarget', data: { code: 'IE-BRECHA', period: '2021-Q1', value: '-375123611.00' } });
    await w.indicator({ type: 'ReportResult', data: { code: 'IE-BRECHA', period: '2021-Q1', value: '-300000000' } });
    await w.indicator({ type: 'SetTarget', data: { code: 'IE-TASA', period: '2021-Q1', value: '4' } });
    await w.indicator({ type: 'ReportResult', data: { code: 'IE-TASA', period: '2021-Q1', value: '-0.50', numerator: '-5', denominator: '10' } });
    const log = await readAllThrough(backend.store, w.lastPosition());
    const schema = 'signed_values_test';
    await evaluationFactsProjection.migrate(backend.db, schema);
    await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, schema, log));

    const facts = await planFactsAt(backend.db, PLAN, w.lastPosition(), schema);
    t.strictSame(facts, foldPlanFacts(log.filter((e) => e.streamName.includes(PLAN))), 'the read model holds what the events say');
    const brecha = facts!.indicators.find((i) => i.code === 'IE-BRECHA')!;
    t.equal(brecha.targets['2021-Q1'], '-375123611.00', 'as written, trailing zeros and sign included');
    t.strictSame(facts!.indicators.find((i) => i.code === 'IE-TASA')!.results['2021-Q1'], {
      kind: 'value',
      value: '-0.50',
      numerator: '-5',
      denominator: '10',
      // A percent's defaults: below 0 and not -5 / 10 × 100 = -50.00, both at warn, kept with the result.
      warnings: [
        { rule: 'minimum', level: 'warn', bound: '0' },
        { rule: 'ratioCheck', level: 'warn', expected: '-50.00', scale: '100' },
      ],
    });

    const evaluation = evaluatePlan(facts!, '2021-Q1');
    t.match(evaluation.indicators, [
      { code: 'IE-BRECHA', target: '-375123611', result: '-300000000', compliance: { display: '120.0' }, status: 'good' },
      { code: 'IE-TASA', target: '4', result: '-0.5', compliance: { exact: '-12.5', display: '-12.5' }, status: 'critical' },
    ]);
  });
}
