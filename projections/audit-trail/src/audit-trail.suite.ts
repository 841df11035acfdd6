import { randomUUID } from 'node:crypto';
import type { EventStore, LogPosition, RecordedEvent } from '@semaforo/event-store';
import { readAllThrough } from '@semaforo/event-store/testing';
import { parseLogPosition } from '@semaforo/event-store';
import { positionKey } from '@semaforo/projector';
import { createKysely, type SqlClient, type AnyKysely } from '@semaforo/sql';
import type { Test } from 'tap';
import { WriteSide, type CommandMetadata } from '@semaforo/commands';
import { planStream, signOffStream } from '@semaforo/domain';
import { auditTrailProjection } from './audit-trail-projection.js';
import { auditPage } from './queries/audit-page.js';
import { indicatorExistsAt, planExistsAt } from './queries/existence.js';
import { resultHistory, targetHistory } from './queries/history.js';
import type { ReadPoint } from './queries/read-point.js';
import { unitSubtreeAt } from './queries/units.js';
import { ANALYST, DIRECTOR, STEP, STORY_EVENT_COUNT, STORY_PLAN, writeAuditStory, type StoryLog } from './testing/audit-story.js';

export interface SuiteDatabase {
  readonly store: EventStore;
  readonly sql: SqlClient;
}

let schemas = 0;
/** Each test projects into its own schema of the file's database. */
const freshSchema = (): string => `audit_trail_test_${++schemas}`;

/**
 * The projection's behaviour, run once on PGlite and once on PostgreSQL
 * (see the two `*.test.ts` files beside this one).
 */
export async function auditTrailSuite(t: Test, database: SuiteDatabase): Promise<void> {
  const { store, sql } = database;
  const db: AnyKysely = createKysely(sql);
  const story = await writeAuditStory(store);
  const log = await readAllThrough(store, lastPositionOf(story));

  const project = async (events: readonly RecordedEvent[], schema: string): Promise<void> => {
    await db.transaction().execute((trx) => auditTrailProjection.apply(trx, schema, events));
  };
  const migrated = async (): Promise<string> => {
    const schema = freshSchema();
    await auditTrailProjection.migrate(db, schema);
    return schema;
  };

  t.test('given a plan story, every event becomes one row that tells what changed, by whom, when and why', async (t) => {
    const schema = await migrated();
    await project(log, schema);

    const rows = await entries(sql, schema);
    t.equal(rows.length, STORY_EVENT_COUNT, 'one row per event');
    t.same(
      rows.map((row) => row['position']),
      story.steps.map((step) => step.position),
      'in log order, at the events’ positions',
    );

    const revised = rowAt(rows, story, STEP.q2TargetRevised);
    t.match(revised, {
      event_type: 'TargetRevised',
      indicator_code: 'IE-DSP-01',
      unit_code: 'DSP',
      period: '2021-Q2',
      actor_id: DIRECTOR.id,
      actor_role: DIRECTOR.role,
      source: 'api',
      reason: 'Reprogramación aprobada por el comité',
      recorded_at_text: story.steps[STEP.q2TargetRevised]!.recordedAt,
    });
    t.same(revised['changes'], [{ field: 'target', period: '2021-Q2', before: '130', after: '135' }], 'a revision tells old → new');

    const corrected = rowAt(rows, story, STEP.dep02ResultCorrected);
    t.same(
      corrected['changes'],
      [
        { field: 'result', period: '2021-Q1', before: '45', after: '47' },
        { field: 'numerator', period: '2021-Q1', before: '45', after: '47' },
      ],
      'a correction tells the ratio it replaced, though the event only carries the previous value',
    );
    t.equal(rowAt(rows, story, STEP.dep02ResultCorrected)['actor_role'], null, 'an actor without a role');

    t.same(
      rowAt(rows, story, STEP.q1NoData)['changes'],
      [{ field: 'result', period: '2021-Q1', before: '110', after: 'no-data' }],
      'withdrawing a result as "no data" tells the value it replaced',
    );
    const moved = rowAt(rows, story, STEP.dep02Moved);
    t.match(moved, { event_type: 'IndicatorAmended', unit_code: 'ADM', previous_unit_code: 'DEP', reason: 'Reorganización' });
    t.same(moved['changes'], [{ field: 'unit', before: 'DEP', after: 'ADM' }], 'an amendment lists each field it changed');
    t.match(rowAt(rows, story, STEP.dep02ResultReported), { unit_code: 'DEP' }, 'figures carry the unit the indicator had then');

    t.same(rowAt(rows, story, STEP.adm03Justified)['changes'], [
      { field: 'justificationNumber', period: '2021-Q1', before: null, after: '1' },
      { field: 'justification', period: '2021-Q1', before: null, after: 'Proveedores declarados desiertos' },
      { field: 'correctiveActions[0].action', period: '2021-Q1', before: null, after: 'Nueva convocatoria' },
      { field: 'correctiveActions[0].owner', period: '2021-Q1', before: null, after: 'Jefatura de compras' },
      { field: 'correctiveActions[0].dueDate', period: '2021-Q1', before: null, after: '2021-05-31' },
    ]);
    t.same(rowAt(rows, story, STEP.adm03Retired)['changes'], [{ field: 'status', before: 'active', after: 'retired' }]);
    t.match(rowAt(rows, story, STEP.depDefined), { event_type: 'UnitDefined', unit_code: 'DEP', indicator_code: null });
    t.match(rowAt(rows, story, STEP.planOpened), { event_type: 'PlanOpened', unit_code: null, indicator_code: null });

    const units = await sql.query(`SELECT code, parent_code FROM ${schema}.units ORDER BY code COLLATE "C"`);
    t.same(units.rows, [
      { code: 'ADM', parent_code: null },
      { code: 'DEP', parent_code: 'DSP' },
      { code: 'DIR', parent_code: null },
      { code: 'DSP', parent_code: 'DIR' },
    ]);
    const plans = await sql.query(`SELECT plan_id, name, fiscal_year FROM ${schema}.plans`);
    t.same(plans.rows, [{ plan_id: STORY_PLAN, name: 'PAT 2021', fiscal_year: 2021 }]);
  });

  t.test("sign-off: who submitted, returned, approved, unapproved and reopened a unit-period, and why, in that unit's trail", async (t) => {
    const planId = 'signoff-2021';
    const writeSide = new WriteSide(store);
    let day = 0;
    const as = (actor: { id: string; role: string }): CommandMetadata => ({
      actor,
      source: 'api',
      requestId: randomUUID(),
      correlationId: randomUUID(),
      recordedAt: new Date(Date.UTC(2021, 6, 1, 9) + day++ * 86_400_000).toISOString(),
      newEventId: randomUUID,
    });
    const planner = { id: 'planner@signoff', role: 'planner' };
    const head = { id: 'jefe@signoff', role: 'reporter' };
    const open = {
      institutionId: 'signoff',
      fiscalYear: 2021,
      fiscalYearStartMonth: 1,
      name: 'PAT 2021',
      perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }],
    };
    await writeSide.execute(planStream(planId), { type: 'OpenPlan', data: open }, as(planner));
    await writeSide.execute(planStream(planId), { type: 'DefineUnit', data: { code: 'DSP', name: 'Pensiones', areaClass: 'administrative' } }, as(planner));
    await writeSide.execute(planStream(planId), { type: 'SetDataEntryWindow', data: { periodicity: 'quarterly', days: 15 } }, as(planner));
    const signOff = signOffStream(planId);
    const unitPeriod = { period: '2021-Q2', unit: 'DSP' };
    await writeSide.execute(signOff, { type: 'SubmitUnitPeriod', data: unitPeriod }, as(head));
    await writeSide.execute(signOff, { type: 'ReturnUnitPeriod', data: { ...unitPeriod, comment: 'Falta el resultado de mayo' } }, as(planner));
    await writeSide.execute(signOff, { type: 'SubmitUnitPeriod', data: { ...unitPeriod, comment: 'Completo' } }, as(head));
    await writeSide.execute(signOff, { type: 'ApproveUnitPeriod', data: unitPeriod }, as(planner));
    await writeSide.execute(signOff, { type: 'UnapproveUnitPeriod', data: { ...unitPeriod, reason: 'Cifra de junio mal digitada' } }, as(planner));
    await writeSide.execute(signOff, { type: 'ApproveUnitPeriod', data: unitPeriod }, as(planner));
    const last = await writeSide.execute(signOff, { type: 'ReopenUnitPeriod', data: { ...unitPeriod, reason: 'Auditoría pidió corregir mayo' } }, as(planner));

    const schema = await migrated();
    const events = (await readAllThrough(store, parseLogPosition(last.position!)!)).filter((e) => e.streamName.endsWith(planId));
    await project(events, schema);
    const at: ReadPoint = { schema, positionKey: positionKey(parseLogPosition(last.position!)!) };
    const page = await auditPage(db, at, planId, { units: ['DSP'] }, { limit: 50 });
    t.same(
      page.entries
        .filter((e) => e.stream === `signoff-${planId}`)
        .map((e) => [e.event, e.unit, e.period, e.actor.id, e.reason, e.changes.map((c) => `${c.field}:${c.before ?? ''}>${c.after ?? ''}`)]),
      [
        ['UnitPeriodSubmitted', 'DSP', '2021-Q2', head.id, null, ['signOff:open>submitted']],
        ['UnitPeriodReturned', 'DSP', '2021-Q2', planner.id, null, ['signOff:submitted>returned', 'comment:>Falta el resultado de mayo']],
        ['UnitPeriodSubmitted', 'DSP', '2021-Q2', head.id, null, ['signOff:returned>submitted', 'comment:>Completo']],
        ['UnitPeriodApproved', 'DSP', '2021-Q2', planner.id, null, ['signOff:submitted>approved']],
        [
          'UnitPeriodUnapproved',
          'DSP',
          '2021-Q2',
          planner.id,
          'Cifra de junio mal digitada',
          ['signOff:approved>submitted', 'reason:>Cifra de junio mal digitada'],
        ],
        ['UnitPeriodApproved', 'DSP', '2021-Q2', planner.id, null, ['signOff:submitted>approved']],
        [
          'UnitPeriodReopened',
          'DSP',
          '2021-Q2',
          planner.id,
          'Auditoría pidió corregir mayo',
          ['signOff:approved>open', 'reopened:>true', 'reason:>Auditoría pidió corregir mayo'],
        ],
      ],
    );
    const window = (await auditPage(db, at, planId, {}, { limit: 50 })).entries.find((e) => e.event === 'DataEntryWindowSet');
    t.match(window, { actor: { id: planner.id }, unit: null, changes: [{ field: 'dataEntryWindow.quarterly', before: null, after: '15' }] });
  });

  t.test('the same events applied again change nothing', async (t) => {
    const schema = await migrated();
    await project(log, schema);
    const once = await snapshot(sql, schema);

    await project(log, schema);
    t.same(await snapshot(sql, schema), once, 'the whole log twice');
    await project(log.slice(STEP.q1ResultReported, STEP.dep02Moved + 1), schema);
    t.same(await snapshot(sql, schema), once, 'a window from the middle of the log once more');
  });

  t.test('however the log is cut into batches, the rows are the same', async (t) => {
    const whole = await migrated();
    await project(log, whole);
    const expected = await snapshot(sql, whole);
    for (const size of [1, 2, 3, 7]) {
      const schema = await migrated();
      for (let i = 0; i < log.length; i += size) await project(log.slice(i, i + size), schema);
      t.same(await snapshot(sql, schema), expected, `batches of ${size}`);
    }
    // A runner that crashed after committing a batch re-reads from its checkpoint; one that is retried
    // re-applies overlapping batches. Either way, nothing changes.
    const overlapping = await migrated();
    for (let i = 0; i < log.length; i += 3) await project(log.slice(Math.max(0, i - 2), i + 3), overlapping);
    t.same(await snapshot(sql, overlapping), expected, 'overlapping batches');
  });

  t.test('with the memory a runner carries from batch to batch, loading from empty with COPY, the rows are the same as read back and inserted', async (t) => {
    const whole = await migrated();
    await project(log, whole);
    const expected = await snapshot(sql, whole);
    for (const size of [1, 4]) {
      const schema = await migrated();
      const carried = new Map<string, unknown>();
      for (let i = 0; i < log.length; i += size) {
        const batch = log.slice(i, i + size);
        await db.transaction().execute((trx) => auditTrailProjection.apply(trx, schema, batch, { carried, fromEmpty: true }));
      }
      t.same(await snapshot(sql, schema), expected, `batches of ${size}`);
      t.ok(carried.size > 0, 'the memory was carried');
    }
  });

  t.test('queries answer as of a position: what was known then, nothing after', async (t) => {
    const schema = await migrated();
    await project(log, schema);
    const at = (step: number): ReadPoint => ({ schema, positionKey: keyOf(story, step) });
    const end = at(STORY_EVENT_COUNT - 1);

    t.same(
      (await targetHistory(db, end, STORY_PLAN, 'IE-DSP-01')).map((e) => [e.event, e.period, e.before, e.after, e.reason]),
      [
        ['TargetSet', '2021-Q1', null, '120', null],
        ['TargetSet', '2021-Q2', null, '130', null],
        ['TargetRevised', '2021-Q2', '130', '135', 'Reprogramación aprobada por el comité'],
      ],
    );
    t.same(
      (await targetHistory(db, at(STEP.q2TargetSet), STORY_PLAN, 'IE-DSP-01')).map((e) => e.after),
      ['120', '130'],
      'before the revision, the history ends at the original Q2 target',
    );
    t.same(
      (await targetHistory(db, end, STORY_PLAN, 'IE-DSP-01', { period: '2021-Q1' })).map((e) => e.after),
      ['120'],
      'one period',
    );
    t.same(
      (await resultHistory(db, end, STORY_PLAN, 'IE-DSP-01')).map((e) => [e.event, e.before, e.after, e.actor.id]),
      [
        ['ResultReported', null, '100', ANALYST.id],
        ['ResultCorrected', '100', '110', ANALYST.id],
        ['NoDataReported', '110', 'no-data', DIRECTOR.id],
      ],
    );
    t.same(
      (await resultHistory(db, end, STORY_PLAN, 'IE-DEP-02')).map((e) => [e.after, e.numerator, e.denominator]),
      [
        ['45', '45', '100'],
        ['47', '47', '100'],
      ],
    );

    t.equal(await planExistsAt(db, end, STORY_PLAN), true);
    t.equal(await planExistsAt(db, { schema, positionKey: '0' }, STORY_PLAN), false, 'not before it was opened');
    t.equal(await planExistsAt(db, end, 'other-2021'), false);
    t.equal(await indicatorExistsAt(db, end, STORY_PLAN, 'IE-ADM-03'), true, 'a retired indicator still has its history');
    t.equal(await indicatorExistsAt(db, at(STEP.dspRegistered - 1), STORY_PLAN, 'IE-DSP-01'), false, 'not before it was registered');

    t.same(await unitSubtreeAt(db, end, STORY_PLAN, 'DIR'), ['DEP', 'DIR', 'DSP'], 'a unit and every unit below it');
    t.same(await unitSubtreeAt(db, at(STEP.dspDefined), STORY_PLAN, 'DIR'), ['DIR', 'DSP'], 'as defined then');
    t.equal(await unitSubtreeAt(db, at(STEP.dspDefined), STORY_PLAN, 'DEP'), null, 'a unit not defined yet');

    const depTrail = await auditPage(db, end, STORY_PLAN, { units: ['DEP'] }, { limit: 100 });
    t.same(
      depTrail.entries.map((e) => e.event),
      ['UnitDefined', 'IndicatorRegistered', 'ResultReported', 'ResultCorrected', 'IndicatorAmended'],
      'a unit’s trail: its definition, its indicators’ changes while they were its own, and the move away',
    );
  });

  t.test('apply speed on a synthetic log (measured, not asserted)', async (t) => {
    const schema = await migrated();
    const events = syntheticLog(20_000);
    const started = process.hrtime.bigint();
    for (let i = 0; i < events.length; i += 1_000) await project(events.slice(i, i + 1_000), schema);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const count = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${schema}.entries`);
    t.equal(count.rows[0]?.n, String(events.length), 'every event projected');
    t.comment(`audit-trail on ${sql.kind}: ${events.length} events in ${seconds.toFixed(2)} s = ${Math.round(events.length / seconds)} events/s`);
  });

  t.teardown(() => db.destroy());
}

/** The story's last position: on a shared PostgreSQL cluster the log is readable up to it only once older transactions end. */
function lastPositionOf(story: StoryLog): LogPosition {
  const position = parseLogPosition(story.steps.at(-1)?.position ?? '');
  if (position === null) throw new Error('the story wrote nothing');
  return position;
}

const keyOf = (story: StoryLog, step: number): string => {
  const position = parseLogPosition(story.steps[step]?.position ?? '');
  if (position === null) throw new Error(`step ${step} has no position`);
  return positionKey(position);
};

type Row = Record<string, unknown>;

const entries = async (sql: SqlClient, schema: string): Promise<Row[]> =>
  (await sql.query<Row>(`SELECT *, recorded_at::text AS recorded_at FROM ${schema}.entries ORDER BY position_key`)).rows;

const rowAt = (rows: readonly Row[], story: StoryLog, step: number): Row => {
  const row = rows.find((r) => r['position'] === story.steps[step]?.position);
  if (row === undefined) throw new Error(`no row for step ${step}`);
  return row;
};

/** Every row of every table, in a stable order, comparable with `t.same`. */
async function snapshot(sql: SqlClient, schema: string): Promise<Record<string, Row[]>> {
  return {
    entries: await entries(sql, schema),
    units: (await sql.query<Row>(`SELECT * FROM ${schema}.units ORDER BY plan_id, code`)).rows,
    plans: (await sql.query<Row>(`SELECT * FROM ${schema}.plans ORDER BY plan_id`)).rows,
  };
}

/**
 * Many plans' worth of figures, shaped like the write side's events, for
 * measuring apply() alone: 100 indicators per plan, targets and results
 * revised over and over.
 */
function syntheticLog(count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const metadata = { actor: { id: 'loader', role: 'planner' }, source: 'import' as const, requestId: 'r', correlationId: 'c', causationId: 'c' };
  let prepare = 0n;
  const push = (streamName: string, type: string, data: Record<string, unknown>) => {
    prepare += 1n;
    events.push({
      eventId: randomUUID(),
      type,
      data: data as RecordedEvent['data'],
      metadata: { ...metadata, recordedAt: new Date(Date.UTC(2021, 0, 1) + Number(prepare) * 1000).toISOString() },
      streamName,
      streamVersion: 1,
      position: { commit: 1000n + prepare / 10n, prepare },
      hash: '',
      previousHash: '',
    });
  };
  for (let plan = 0; events.length < count; plan += 1) {
    const planId = `bench${plan}-2021`;
    push(`plan-${planId}`, 'UnitDefined', { planId, code: 'U1', name: 'Unidad', parentCode: null, areaClass: 'administrative' });
    for (let i = 0; i < 100 && events.length < count; i += 1) {
      const code = `IND-${i}`;
      push(`indicator-${planId}/${code}`, 'TargetSet', { planId, code, period: '2021-Q1', value: String(i) });
      push(`indicator-${planId}/${code}`, 'ResultReported', { planId, code, period: '2021-Q1', value: String(i), numerator: String(i), denominator: '100' });
    }
    for (let round = 0; round < 20 && events.length < count; round += 1) {
      for (let i = 0; i < 100 && events.length < count; i += 1) {
        const code = `IND-${i}`;
        push(`indicator-${planId}/${code}`, 'ResultCorrected', {
          planId,
          code,
          period: '2021-Q1',
          value: String(i + round + 1),
          previousValue: String(i + round),
        });
      }
    }
  }
  return events.slice(0, count);
}
