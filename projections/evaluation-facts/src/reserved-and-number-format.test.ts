import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { ECUADORIAN_NUMBER_FORMAT, DEFAULT_NUMBER_FORMAT, foldPlanFacts, planNumberFormat } from '@semaforo/domain';
import { readAllThrough } from '@semaforo/event-store/testing';
import { sql } from 'kysely';
import { evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';
import { backendOfKind, commandClock, STORY_PLAN_ID, storyWriter, writePlanStory } from './testing/index.js';

/*
 * Version 2 of the read model: a justification's reserved mark (its own
 * column) and a corrective action's (inside its JSON), and the plan's number
 * format (in the plan's header), read back as the in-memory fold reads them.
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
    await w.indicator({
      type: 'AddJustification',
      data: {
        code: 'IE-DSP-01',
        period: '2023-Q2',
        text: 'Expedientes bajo reserva judicial',
        reserved: true,
        correctiveActions: [
          { action: 'Reasignar casos reservados', owner: 'Jefatura DSP', dueDate: '2023-08-31', reserved: true },
          { action: 'Contratar apoyo temporal', owner: 'Jefatura DSP', dueDate: '2023-09-30', reserved: false },
        ],
      },
    });
    await w.plan({ type: 'ChooseNumberFormat', data: { numberFormat: ECUADORIAN_NUMBER_FORMAT } });
    const log = await readAllThrough(backend.store, w.lastPosition());
    const schema = 'evaluation_facts_reserved_test';
    await evaluationFactsProjection.migrate(backend.db, schema);
    await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, schema, log));

    t.test('planFactsAt equals foldPlanFacts at every position, marks and format included', async (t) => {
      for (let i = 0; i < log.length; i += 1) {
        const event = log[i]!;
        const expected = foldPlanFacts(log.slice(0, i + 1));
        t.strictSame(await planFactsAt(backend.db, STORY_PLAN_ID, event.position, schema), expected, `after ${event.type} #${i + 1}`);
      }
    });

    t.test('one event per batch (the format choice then reads the plan before it from the tables) gives the same facts', async (t) => {
      const oneByOne = 'evaluation_facts_reserved_one_by_one';
      await evaluationFactsProjection.migrate(backend.db, oneByOne);
      for (const event of log) await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, oneByOne, [event]));
      t.strictSame(await planFactsAt(backend.db, STORY_PLAN_ID, w.lastPosition(), oneByOne), foldPlanFacts(log));
    });

    t.test('version 1 tables (no reserved column), read by this code while version 2 builds, give the facts they hold', async (t) => {
      const v1 = 'evaluation_facts_reserved_v1_shape';
      await evaluationFactsProjection.migrate(backend.db, v1);
      await backend.db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, v1, log.slice(0, -2)));
      await sql`ALTER TABLE ${sql.table(`${v1}.justifications`)} DROP COLUMN reserved`.execute(backend.db);
      const before = log.at(-3)!.position;
      t.strictSame(await planFactsAt(backend.db, STORY_PLAN_ID, before, v1), foldPlanFacts(log.slice(0, -2)));
    });

    t.test('the reserved marks: a column for the justification, a member of the action only when true', async (t) => {
      const { rows } = await sql<{ justification_number: number; reserved: boolean; corrective_actions: Record<string, unknown>[] }>`
        SELECT justification_number, reserved, corrective_actions FROM ${sql.table(`${schema}.justifications`)} ORDER BY justification_number`.execute(
        backend.db,
      );
      t.same(
        rows.map((row) => [row.justification_number, row.reserved]),
        [
          [1, false],
          [2, false],
          [3, true],
        ],
      );
      t.same(
        rows[2]!.corrective_actions.map((action) => action['reserved'] ?? 'absent'),
        [true, 'absent'],
      );
      const facts = await planFactsAt(backend.db, STORY_PLAN_ID, w.lastPosition(), schema);
      const justifications = facts?.indicators.find((indicator) => indicator.code === 'IE-DSP-01')?.justifications ?? [];
      t.same(
        justifications.map((j) => [j.justificationNumber, 'reserved' in j ? j.reserved : 'absent', j.correctiveActions.map((a) => a.reserved ?? 'absent')]),
        [
          [1, 'absent', ['absent']],
          [2, 'absent', []],
          [3, true, [true, 'absent']],
        ],
        'the facts read back: the mark only where it was set',
      );
    });

    t.test('the number format as of a position: the default before it was chosen, the chosen one after', async (t) => {
      const before = await planFactsAt(backend.db, STORY_PLAN_ID, storyEnd, schema);
      const after = await planFactsAt(backend.db, STORY_PLAN_ID, w.lastPosition(), schema);
      t.strictSame(planNumberFormat(before!.plan), DEFAULT_NUMBER_FORMAT);
      t.notOk('numberFormat' in before!.plan, 'a plan that never chose has no format in its state');
      t.strictSame(planNumberFormat(after!.plan), ECUADORIAN_NUMBER_FORMAT);
    });
  });
}
