import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { foldPlanFacts } from '@semaforo/domain';
import { readAllThrough } from '@semaforo/event-store/testing';
import { evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';
import { backendOfKind, commandClock, STORY_PLAN_ID, storyWriter, writePlanStory } from './testing/index.js';

/*
 * Units renamed, moved and retired, perspectives renamed and retired: new
 * unit versions and plan headers, read back as the in-memory fold reads them
 * at every position, so an evaluation before a change keeps the names and
 * places it had.
 */
for (const kind of ['pglite', 'postgres'] as const) {
  t.test(`on ${kind}`, async (t) => {
    const backend = await backendOfKind(t, kind);
    if (backend === undefined) {
      t.pass(`${kind} unavailable: skipped with a warning (a failure in CI)`);
      return;
    }
    const writeSide = new WriteSide(backend.store);
    const clock = commandClock('2023-07-03T13:00:00.000Z');
    const storyEnd = await writePlanStory(writeSide);
    const w = storyWriter(writeSide, clock);
    const reason = 'Reestructuración 2023';
    await w.plan({ type: 'DefineUnit', data: { code: 'SEC', name: 'Sección de Trámites', parentCode: 'DSP', areaClass: 'administrative' } });
    await w.plan({ type: 'ChangeUnit', data: { code: 'DSP', name: 'Departamento de Prestaciones', parentCode: null, reason } });
    await w.plan({ type: 'RenamePerspective', data: { code: 'usuarios', name: 'Derechohabientes', reason } });
    await w.plan({ type: 'RetireUnit', data: { code: 'SEC', reason } });
    await w.plan({ type: 'RetirePerspective', data: { code: 'financiera', reason } });
    const log = await readAllThrough(backend.store, w.lastPosition());
    const schema = 'evaluation_facts_unit_changes_test';
    await evaluationFactsProjection.migrate(backend.db, schema);
    await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, schema, log));

    t.test('planFactsAt equals foldPlanFacts at every position', async (t) => {
      for (let i = 0; i < log.length; i += 1) {
        const event = log[i]!;
        t.strictSame(await planFactsAt(backend.db, STORY_PLAN_ID, event.position, schema), foldPlanFacts(log.slice(0, i + 1)), `after ${event.type} #${i + 1}`);
      }
    });

    t.test('before the changes the units and perspectives are as they were; after, as they are', async (t) => {
      const before = await planFactsAt(backend.db, STORY_PLAN_ID, storyEnd, schema);
      t.strictSame(before?.plan.units['DSP'], { code: 'DSP', name: 'Departamento de Pensiones', parentCode: 'DIR', areaClass: 'administrative' });
      t.strictSame(before?.plan.perspectives.map((p) => p.name).slice(0, 2), ['Persona Usuaria', 'Financiera']);
      const after = await planFactsAt(backend.db, STORY_PLAN_ID, w.lastPosition(), schema);
      t.strictSame(after?.plan.units['DSP'], { code: 'DSP', name: 'Departamento de Prestaciones', parentCode: null, areaClass: 'administrative' });
      t.strictSame(after?.plan.units['SEC'], { code: 'SEC', name: 'Sección de Trámites', parentCode: 'DSP', areaClass: 'administrative', retired: true });
      t.strictSame(after?.plan.perspectives.slice(0, 2), [
        { code: 'usuarios', name: 'Derechohabientes' },
        { code: 'financiera', name: 'Financiera', retired: true },
      ]);
    });

    t.test('one event per batch (each change then reads the unit before it from the tables) gives the same facts', async (t) => {
      const oneByOne = 'evaluation_facts_unit_changes_one_by_one';
      await evaluationFactsProjection.migrate(backend.db, oneByOne);
      for (const event of log) await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, oneByOne, [event]));
      t.strictSame(await planFactsAt(backend.db, STORY_PLAN_ID, w.lastPosition(), oneByOne), foldPlanFacts(log));
    });
  });
}
