import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { foldPlanFacts } from '@semaforo/domain';
import { LOG_START, type RecordedEvent } from '@semaforo/event-store';
import { readAllThrough } from '@semaforo/event-store/testing';
import { positionKey, projectionSchema } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';
import { backendOfKind, STORY_PLAN_ID, writePlanStory } from './testing/index.js';

const TABLES = ['plan_versions', 'unit_versions', 'indicator_versions', 'target_versions', 'result_versions', 'justifications'] as const;

/** As a caller without a runner does (idempotent inserts), or, `fromEmpty`, as a worker loading new tables does (COPY). */
async function project(db: AnyKysely, schema: string, batches: readonly (readonly RecordedEvent[])[], fromEmpty = false): Promise<void> {
  await evaluationFactsProjection.migrate(db, schema);
  const context = fromEmpty ? { carried: new Map<string, unknown>(), fromEmpty } : undefined;
  for (const batch of batches) {
    await db.transaction().execute((trx) => evaluationFactsProjection.apply(trx, schema, batch, context));
  }
}

/**
 * A row as read back. The assertions reach into two JSON documents: `state` of a plan version and `definition` of an
 * indicator version (other tables have neither).
 */
interface Row {
  readonly [column: string]: unknown;
  readonly state: { readonly perspectives: readonly unknown[]; readonly evaluationScale?: unknown };
  readonly definition: { readonly decimals?: number };
}

/** Every row of every table, in a fixed order: what "changes nothing" is checked against. */
async function snapshot(db: AnyKysely, schema: string): Promise<Record<string, Row[]>> {
  const tables: Record<string, Row[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<Row>`SELECT * FROM ${sql.table(`${schema}.${table}`)} ORDER BY 1, 2, 3, 4`.execute(db);
    tables[table] = rows;
  }
  return tables;
}

const only = (events: readonly RecordedEvent[]) => events.filter((event) => evaluationFactsProjection.eventTypes.includes(event.type));

t.test('the projection is plain data the projector can run', async (t) => {
  t.equal(evaluationFactsProjection.name, 'evaluation-facts');
  t.equal(projectionSchema(evaluationFactsProjection), 'evaluation_facts_v3');
  t.ok(evaluationFactsProjection.eventTypes.includes('TargetRevised'));
});

for (const kind of ['pglite', 'postgres'] as const) {
  t.test(`on ${kind}`, async (t) => {
    const backend = await backendOfKind(t, kind);
    if (backend === undefined) {
      t.pass(`${kind} unavailable: skipped with a warning (a failure in CI)`);
      return;
    }
    const writeSide = new WriteSide(backend.store);
    const log = await readAllThrough(backend.store, await writePlanStory(writeSide));
    const schema = 'evaluation_facts_test';
    await project(backend.db, schema, [log]);

    t.test('given a plan story, when projected, then each fact version is one row keyed by its event', async (t) => {
      const keyOf = (type: string, index = 0) => positionKey(log.filter((event) => event.type === type)[index]!.position);
      const rows = await snapshot(backend.db, schema);

      t.same(
        rows['plan_versions']!.map((row) => [row.event_type, row.valid_from, row.opened_from, row.state.perspectives.length]),
        [
          ['PlanOpened', keyOf('PlanOpened'), keyOf('PlanOpened'), 2],
          ['PerspectiveAdded', keyOf('PerspectiveAdded'), keyOf('PlanOpened'), 3],
          ['EvaluationScaleChanged', keyOf('EvaluationScaleChanged'), keyOf('PlanOpened'), 3],
        ],
        'header versions: opened, perspective added, scale changed (units are rows of their own)',
      );
      t.same(rows['plan_versions']![2]!.state.evaluationScale, { criticalBelow: '80', goodAbove: '95' });
      t.notOk('units' in rows['plan_versions']![0]!.state);
      t.same(
        rows['unit_versions']!.map((row) => [row.code, row.parent_code, row.area_class]),
        [
          ['CLI', 'DIR', 'health'],
          ['DIR', null, 'administrative'],
          ['DSP', 'DIR', 'administrative'],
        ],
      );
      t.same(
        rows['indicator_versions']!.map((row) => [row.code, row.event_type, row.status, row.definition.decimals ?? null]),
        [
          ['IE-CLI-01', 'IndicatorRegistered', 'active', null],
          ['IE-CLI-01', 'IndicatorRetired', 'retired', null],
          ['IE-DSP-01', 'IndicatorRegistered', 'active', null],
          ['IE-DSP-02', 'IndicatorRegistered', 'active', null],
          ['IE-DSP-02', 'IndicatorAmended', 'active', 2],
        ],
        'definition versions: registered, amended (the whole definition after it), retired',
      );
      t.same(
        rows['target_versions']!.filter((row) => row.code === 'IE-DSP-01').map((row) => [row.period, row.event_type, row.value]),
        [
          ['2023-Q1', 'TargetSet', '1314'],
          ['2023-Q1', 'TargetRevised', '1300'],
          ['2023-Q2', 'TargetSet', '6192'],
        ],
        'a revision is a new version; the old value stays',
      );
      t.same(
        rows['result_versions']!.filter((row) => row.code === 'IE-DSP-02').map((row) => [
          row.period,
          row.event_type,
          row.kind,
          row.value,
          row.numerator,
          row.denominator,
        ]),
        [
          ['2023-M01', 'ResultReported', 'value', '8.2', null, null],
          ['2023-M02', 'ResultReported', 'value', '12', '120', '10'],
          ['2023-M02', 'ResultCorrected', 'value', '11.5', null, null],
          ['2023-M03', 'ResultReported', 'value', '9', null, null],
          ['2023-M03', 'NoDataReported', 'no-data', null, null, null],
        ],
      );
      t.same(
        rows['result_versions']!.filter((row) => row.code === 'IE-CLI-01').map((row) => row.value),
        ['1.0'],
        'values are kept as reported, never re-spelled ("1.0" stays "1.0")',
      );
      const justification = log.find((event) => event.type === 'JustificationAdded')!;
      t.match(rows['justifications']![0], {
        code: 'IE-DSP-01',
        period: '2023-Q1',
        justification_number: 1,
        text: 'Ausencia de personal, "licencias" médicas',
        corrective_actions: [{ action: 'Contratar apoyo temporal', owner: 'Jefatura DSP', dueDate: '2023-05-31' }],
        recorded_at: justification.metadata.recordedAt,
        actor_id: 'planner@upisss',
      });
      t.equal(rows['justifications']!.length, 2);
    });

    t.test('applying the same events again changes nothing, whatever the batches', async (t) => {
      const before = await snapshot(backend.db, schema);
      await project(backend.db, schema, [log]);
      t.same(await snapshot(backend.db, schema), before, 'the whole log again');
      await project(backend.db, schema, [log.slice(5, 17), log.slice(10, 30)]);
      t.same(await snapshot(backend.db, schema), before, 'overlapping batches again');

      const oneByOne = 'evaluation_facts_one_by_one';
      await project(
        backend.db,
        oneByOne,
        log.map((event) => [event]),
      );
      t.same(await snapshot(backend.db, oneByOne), before, 'one event per batch gives the rows of one big batch');
      const onlyOurs = 'evaluation_facts_filtered';
      await project(backend.db, onlyOurs, [only(log)]);
      t.same(await snapshot(backend.db, onlyOurs), before, 'the runner filters by eventTypes; the rows are the same');
    });

    t.test('loading from empty with COPY gives the rows the idempotent inserts give', async (t) => {
      const expected = await snapshot(backend.db, schema);
      for (const size of [1, 7, log.length]) {
        const copied = `evaluation_facts_copied_${size}`;
        const batches: RecordedEvent[][] = [];
        for (let i = 0; i < log.length; i += size) batches.push(log.slice(i, i + size));
        await project(backend.db, copied, batches, true);
        t.same(await snapshot(backend.db, copied), expected, `batches of ${size}`);
      }
      await t.rejects(
        project(backend.db, `evaluation_facts_copied_${log.length}`, [log.slice(0, 3)], true),
        { name: 'SqlError', code: '23505' },
        'COPY refuses a row that is already there, where an insert would skip it',
      );
    });

    t.test('planFactsAt equals foldPlanFacts at every position of the log', async (t) => {
      for (let i = 0; i < log.length; i += 1) {
        const event = log[i]!;
        const expected = foldPlanFacts(log.slice(0, i + 1).filter((e) => e.streamName.includes(STORY_PLAN_ID)));
        t.strictSame(await planFactsAt(backend.db, STORY_PLAN_ID, event.position, schema), expected, `after ${event.type} #${i + 1}`);
      }
      t.equal(await planFactsAt(backend.db, STORY_PLAN_ID, LOG_START, schema), null, 'before the plan was opened: no plan');
      t.equal(await planFactsAt(backend.db, 'other-2023', log.at(-1)!.position, schema), null, 'another plan: none');
    });
  });
}
