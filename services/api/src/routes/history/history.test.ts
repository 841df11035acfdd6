import { randomUUID } from 'node:crypto';
import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { indicatorStream, type IndicatorCommand } from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';
import { ANALYST, DIRECTOR, PLANNER, STEP, STORY_PLAN } from '@semaforo/projection-audit-trail/testing';
import { readSideHarness } from '../../testing/read-side-harness.js';

const TARGETS = `/v1/plans/${STORY_PLAN}/indicators/IE-DSP-01/targets/history`;
const RESULTS = `/v1/plans/${STORY_PLAN}/indicators/IE-DSP-01/results/history`;

/** One more change after the story, as a later request would make it. */
async function write(store: EventStore, command: IndicatorCommand, recordedAt: string): Promise<void> {
  await new WriteSide(store).execute(indicatorStream(STORY_PLAN, command.data.code), command, {
    actor: { id: 'late@upisss', role: 'planner' },
    source: 'api',
    requestId: randomUUID(),
    correlationId: randomUUID(),
    recordedAt,
    newEventId: randomUUID,
  });
}

interface HistoryBody {
  position: string;
  asOf?: string;
  planId: string;
  code: string;
  entries: Array<Record<string, unknown>>;
}

t.test('target and result histories', async (t) => {
  const { store, story, projectorClock, caughtUp, get } = await readSideHarness(t);

  t.test('the target history tells every value, old → new, who, when and why, in log order', async (t) => {
    const response = await get(TARGETS);
    t.equal(response.statusCode, 200);
    t.match(response.headers['content-type'], /^application\/json/);
    const body = response.json<HistoryBody>();
    t.equal(body.position, response.headers['semaforo-position'], 'the position answered at, in the body and in a header');
    t.equal(body.asOf, undefined, 'no asOf asked, none echoed');
    t.match(body, { planId: STORY_PLAN, code: 'IE-DSP-01' });
    t.same(
      body.entries.map((e) => [e['event'], e['period'], e['before'], e['after']]),
      [
        ['TargetSet', '2021-Q1', null, '120'],
        ['TargetSet', '2021-Q2', null, '130'],
        ['TargetRevised', '2021-Q2', '130', '135'],
      ],
    );
    const revision = story.steps[STEP.q2TargetRevised]!;
    t.same(
      body.entries[2],
      {
        position: revision.position,
        eventId: body.entries[2]?.['eventId'],
        actor: { id: DIRECTOR.id, role: DIRECTOR.role },
        recordedAt: revision.recordedAt,
        reason: 'Reprogramación aprobada por el comité',
        source: 'api',
        requestId: body.entries[2]?.['requestId'],
        correlationId: body.entries[2]?.['correlationId'],
        event: 'TargetRevised',
        period: '2021-Q2',
        before: '130',
        after: '135',
      },
      'the revision, member for member',
    );
    t.match(body.entries[0], { actor: { id: PLANNER.id, role: PLANNER.role }, reason: null }, 'a first target needs no reason');
  });

  t.test('the result history tells every report, correction and "no data", with reasons', async (t) => {
    const body = (await get(RESULTS)).json<HistoryBody>();
    t.same(
      body.entries.map((e) => [e['event'], e['before'], e['after'], e['reason'], (e['actor'] as { id: string }).id]),
      [
        ['ResultReported', null, '100', null, ANALYST.id],
        ['ResultCorrected', '100', '110', 'Se omitieron los casos de marzo', ANALYST.id],
        ['NoDataReported', '110', 'no-data', 'Sistema de pensiones en auditoría', DIRECTOR.id],
      ],
    );
    t.match(body.entries[0], { actor: { id: ANALYST.id, role: null } }, 'an actor without a role');

    const ratio = (await get(`/v1/plans/${STORY_PLAN}/indicators/IE-DEP-02/results/history`)).json<HistoryBody>();
    t.same(
      ratio.entries.map((e) => [e['before'], e['after'], e['numerator'], e['denominator']]),
      [
        [null, '45', '45', '100'],
        ['45', '47', '47', '100'],
      ],
      'numerator and denominator as reported with each value',
    );
  });

  t.test('one period, and a retired indicator keeps its history', async (t) => {
    const q2 = (await get(`${TARGETS}?period=2021-Q2`)).json<HistoryBody>();
    t.same(
      q2.entries.map((e) => e['after']),
      ['130', '135'],
    );
    const retired = (await get(`/v1/plans/${STORY_PLAN}/indicators/IE-ADM-03/targets/history`)).json<HistoryBody>();
    t.same(
      retired.entries.map((e) => e['after']),
      ['10'],
    );
  });

  t.test('CSV: Spanish by default, English on request, one row per entry', async (t) => {
    const spanish = await get(`${TARGETS}?csvVersion=1`, { accept: 'text/csv' });
    t.equal(spanish.statusCode, 200);
    t.match(spanish.headers['content-type'], /^text\/csv/);
    t.ok(spanish.headers['semaforo-position'], 'the position travels in a header');
    const lines = spanish.body.split('\r\n');
    t.equal(lines[0], 'Posición,Período,Evento,Antes,Después,Motivo,Actor,Rol,Registrado,Origen,Solicitud,Correlación');
    t.equal(lines.length, 5, 'a header, three entries, and the final CRLF');
    t.match(
      lines[3],
      new RegExp(
        `^${story.steps[STEP.q2TargetRevised]!.position},2021-Q2,Meta reprogramada,130,135,Reprogramación aprobada por el comité,director@upisss,director,`,
      ),
    );

    const english = await get(`${RESULTS}?format=csv&lang=en&csvVersion=1`);
    t.equal(english.body.split('\r\n')[0], 'Position,Period,Event,Before,After,Numerator,Denominator,Reason,Actor,Role,Recorded at,Source,Request,Correlation');
    t.match(english.body, /No data reported,110,No data,,,Sistema de pensiones en auditoría,director@upisss/);
    const byHeader = await get(`${RESULTS}?format=csv&csvVersion=1`, { 'accept-language': 'en-US,en;q=0.9,es;q=0.5' });
    t.match(byHeader.body, /^Position,/, 'Accept-Language prefers English');
    const json = await get(TARGETS, { accept: 'application/json, text/csv;q=0.5' });
    t.match(json.headers['content-type'], /^application\/json/, 'JSON when the client prefers it');
  });

  t.test("CSV: version 3 by default (a BOM first), downloaded under the indicator's name", async (t) => {
    const latest = await get(`${TARGETS}?format=csv`);
    const old = await get(`${TARGETS}?format=csv&csvVersion=1`);
    t.equal(latest.body, `\uFEFF${old.body}`, 'nothing in this history starts like a formula: version 1 behind a BOM');
    t.match(latest.headers['content-disposition'], /^attachment; filename="historial-metas-IE-DSP-01-upisss-2021\.csv"; filename\*=UTF-8''/);
    const english = await get(`${RESULTS}?format=csv&lang=en&period=2021-Q1`);
    t.match(english.headers['content-disposition'], 'filename="result-history-IE-DSP-01-upisss-2021-2021-Q1.csv"');
  });

  t.test('wrong requests answer problems', async (t) => {
    const cases: Array<[string, number, string]> = [
      [`/v1/plans/nobody-2021/indicators/IE-DSP-01/targets/history`, 404, 'PLAN_NOT_FOUND'],
      [`/v1/plans/${STORY_PLAN}/indicators/NOPE-1/results/history`, 404, 'INDICATOR_NOT_FOUND'],
      [`${TARGETS}?period=2021-Q5`, 400, 'VALIDATION_FAILED'],
      [`${TARGETS}?asOf=yesterday`, 400, 'INVALID_AS_OF'],
      [`${TARGETS}?asOf=99999999999:1`, 409, 'AS_OF_NOT_YET_PROJECTED'],
      [`/v1/plans/NOT A PLAN/indicators/IE-DSP-01/targets/history`, 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, status, code] of cases) {
      const response = await get(encodeURI(url));
      t.equal(response.statusCode, status, `${url} answers ${status}`);
      t.match(response.headers['content-type'], /^application\/problem\+json/);
      t.equal(response.json<{ code: string }>().code, code);
    }
    const early = story.steps[STEP.dspRegistered - 1]!.position!;
    const beforeRegistration = await get(`${TARGETS}?asOf=${early}`);
    t.equal(beforeRegistration.statusCode, 404, 'an indicator registered after the asOf position does not exist there');
    t.equal(beforeRegistration.json<{ code: string }>().code, 'INDICATOR_NOT_FOUND');
  });

  t.test('as of a position, the answer is byte for byte what it was, however the log grew since', async (t) => {
    const before = await get(TARGETS);
    const position = before.json<HistoryBody>().position;
    const asked = await get(`${TARGETS}?asOf=${position}`);
    const csvAsked = await get(`${TARGETS}?asOf=${position}&format=csv`);

    // When the target is revised again and the projector applies it,
    projectorClock.now = new Date('2021-07-01T00:00:00.000Z');
    await write(
      store,
      { type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2021-Q1', value: '125', reason: 'Ajuste por demanda' } },
      '2021-06-15T09:00:00.000Z',
    );
    await caughtUp();

    // then the live history has the new revision,
    const live = (await get(TARGETS)).json<HistoryBody>();
    t.not(live.position, position, 'the live answer moved on');
    t.same(live.entries.at(-1), { ...live.entries.at(-1), event: 'TargetRevised', before: '120', after: '125', reason: 'Ajuste por demanda' });
    // while the answer as of the old position has not changed by one byte.
    const again = await get(`${TARGETS}?asOf=${position}`);
    t.equal(again.body, asked.body, 'JSON, byte for byte');
    t.equal((await get(`${TARGETS}?asOf=${position}&format=csv`)).body, csvAsked.body, 'CSV, byte for byte');
    t.match(asked.json<HistoryBody>(), { position, asOf: position });
    t.same(JSON.parse(asked.body).entries, before.json<HistoryBody>().entries, 'and it is what the live answer was then');
  });

  t.test('as of an instant: what the system answered then', async (t) => {
    // The story was projected at 2021-06-01 (the projector's clock); the revision above at 2021-07-01.
    const june = await get(`${TARGETS}?asOf=2021-06-20T00:00:00Z`);
    t.equal(june.statusCode, 200);
    const body = june.json<HistoryBody>();
    t.equal(body.asOf, '2021-06-20T00:00:00Z', 'the instant echoed as given');
    t.same(
      body.entries.map((e) => e['after']),
      ['120', '130', '135'],
      'the revision of June 15 was not projected yet on June 20',
    );
    const july = (await get(`${TARGETS}?asOf=2021-07-01T00:00:00Z`)).json<HistoryBody>();
    t.same(
      july.entries.map((e) => e['after']),
      ['120', '130', '135', '125'],
    );
    const beforeAnything = await get(`${TARGETS}?asOf=2021-01-01T00:00:00Z`);
    t.equal(beforeAnything.statusCode, 404, 'before the projector had seen anything, there was no plan');
  });
});
