import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { canonicalJson, evaluatePlan, foldPlanFacts } from '@semaforo/domain';
import { compareLogPositions } from '@semaforo/event-store';
import { readAllThrough } from '@semaforo/event-store/testing';
import { sql } from 'kysely';
import { evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';
import { aDefinition, backendOfKind, storyWriter } from './testing/index.js';

/*
 * A result's plausibility warnings through the read model (version 3): kept
 * with the result, folded into the same facts as the raw events, and shown
 * on the evaluation's period only when there are some.
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
      data: { institutionId: 'upisss', fiscalYear: 2021, fiscalYearStartMonth: 1, name: 'PAT 2021', perspectives: [{ code: 'usuarios', name: 'Usuarios' }] },
    });
    await w.plan({ type: 'DefineUnit', data: { code: 'DSP', name: 'Pensiones', areaClass: 'administrative' } });
    const percent = aDefinition({ name: 'Pensiones pagadas a tiempo', perspective: 'usuarios', unit: 'DSP', measure: 'percent', accumulation: 'last' });
    await w.indicator({ type: 'RegisterIndicator', data: { code: 'IE-PCT', ...percent, periodicity: 'quarterly' } });
    await w.indicator({ type: 'SetTarget', data: { code: 'IE-PCT', period: '2021-Q1', value: '95' } });
    await w.indicator({ type: 'SetTarget', data: { code: 'IE-PCT', period: '2021-Q2', value: '95' } });
    await w.indicator({ type: 'ReportResult', data: { code: 'IE-PCT', period: '2021-Q1', value: '96.5' } });
    const beforeWarnings = w.lastPosition();
    await w.indicator({ type: 'ReportResult', data: { code: 'IE-PCT', period: '2021-Q2', value: '104' } });
    const log = (await readAllThrough(backend.store, w.lastPosition())).filter((e) => e.streamName.includes(PLAN));
    const schema = 'result_warnings_test';
    await evaluationFactsProjection.migrate(backend.db, schema);
    await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, schema, log));

    const facts = await planFactsAt(backend.db, PLAN, w.lastPosition(), schema);
    t.strictSame(facts, foldPlanFacts(log), 'the read model holds what the events say, warnings included');
    const evaluation = evaluatePlan(facts!, '2021-Q2');
    t.strictSame(
      evaluation.indicators[0]!.periods.map((p) => [p.period, p.warnings ?? 'absent']),
      [
        ['2021-Q1', 'absent'],
        ['2021-Q2', [{ rule: 'maximum', level: 'warn', bound: '100' }]],
      ],
    );
    t.match(
      canonicalJson(evaluation),
      /"counted":true,"noData":false,"period":"2021-Q2","result":"104","target":"95","warnings":\[\{"bound":"100","level":"warn","rule":"maximum"\}\]/,
    );

    const earlier = await planFactsAt(backend.db, PLAN, beforeWarnings, schema);
    t.notMatch(canonicalJson(evaluatePlan(earlier!, '2021-Q2')), /warnings/, 'an evaluation before any warning has no such member');

    t.test('version 2 tables (no warnings column), read by this code while version 3 builds, give the facts they hold', async (t) => {
      const v2 = 'result_warnings_v2_shape';
      const prefix = log.filter((e) => compareLogPositions(e.position, beforeWarnings) <= 0);
      await evaluationFactsProjection.migrate(backend.db, v2);
      await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, v2, prefix));
      await sql`ALTER TABLE ${sql.table(`${v2}.result_versions`)} DROP COLUMN warnings`.execute(backend.db);
      t.strictSame(await planFactsAt(backend.db, PLAN, beforeWarnings, v2), foldPlanFacts(prefix));
    });
  });
}
