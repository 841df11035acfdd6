import { randomUUID } from 'node:crypto';
import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { indicatorStream } from '@semaforo/domain';
import { ANALYST, DIRECTOR, STEP, STORY_EVENT_COUNT, STORY_PLAN } from '@semaforo/projection-audit-trail/testing';
import { readSideHarness } from '../../testing/read-side-harness.js';

const AUDIT = `/v1/plans/${STORY_PLAN}/audit`;

interface AuditBody {
  position: string;
  asOf?: string;
  planId: string;
  order: string;
  entries: Array<{ position: string; event: string; indicator: string | null; unit: string | null; [member: string]: unknown }>;
  nextCursor: string | null;
}

t.test('the audit trail of a plan', async (t) => {
  const { store, story, caughtUp, get } = await readSideHarness(t);
  const trail = async (query = ''): Promise<AuditBody> => {
    const response = await get(`${AUDIT}${query}`);
    if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
    return response.json<AuditBody>();
  };
  const steps = (body: AuditBody): number[] => body.entries.map((e) => story.steps.findIndex((s) => s.position === e.position));

  t.test('every change, oldest first, each told as who / what / before → after / when / why', async (t) => {
    const body = await trail();
    t.equal(body.order, 'oldest-first');
    t.same(steps(body), [...Array(STORY_EVENT_COUNT).keys()], 'every event of the plan, in log order');
    t.equal(body.nextCursor, null, 'one page holds them all');
    const revised = body.entries[STEP.q2TargetRevised]!;
    t.same(
      revised,
      {
        position: story.steps[STEP.q2TargetRevised]!.position,
        eventId: revised['eventId'],
        event: 'TargetRevised',
        stream: `indicator-${STORY_PLAN}/IE-DSP-01`,
        streamVersion: 4,
        indicator: 'IE-DSP-01',
        unit: 'DSP',
        previousUnit: null,
        period: '2021-Q2',
        actor: { id: DIRECTOR.id, role: DIRECTOR.role, name: null }, // the story's actors are no tokens: nobody to name
        recordedAt: story.steps[STEP.q2TargetRevised]!.recordedAt,
        reason: 'Reprogramación aprobada por el comité',
        source: 'api',
        requestId: revised['requestId'],
        correlationId: revised['correlationId'],
        causationId: revised['causationId'],
        changes: [{ field: 'target', period: '2021-Q2', before: '130', after: '135' }],
      },
      'a revision, member for member',
    );
    t.same(body.entries[STEP.dep02Moved]!['changes'], [{ field: 'unit', before: 'DEP', after: 'ADM' }]);
  });

  t.test('filters: a unit with every unit below it, an indicator, an actor, a time range', async (t) => {
    t.same(
      steps(await trail('?unit=DIR')),
      [1, 2, 3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16],
      'DIR: its own definition, DSP and DEP below it, their indicators, and IE-DEP-02 leaving DEP',
    );
    t.same(
      steps(await trail('?unit=DEP')),
      [STEP.depDefined, 6, STEP.dep02ResultReported, STEP.dep02ResultCorrected, STEP.dep02Moved],
      'DEP: nothing of the unit above it',
    );
    t.same(
      steps(await trail('?unit=ADM')),
      [4, 7, STEP.dep02Moved, STEP.adm03TargetSet, STEP.adm03Justified, STEP.adm03Retired],
      'ADM: its indicator, and the one moved into it',
    );
    t.same(steps(await trail('?indicator=IE-DSP-01')), [5, 8, 9, 10, 11, 13, 15]);
    t.same(steps(await trail(`?actor=${encodeURIComponent(DIRECTOR.id)}`)), [STEP.q2TargetRevised, STEP.q1NoData, STEP.dep02Moved, STEP.adm03Retired]);
    const from = story.steps[STEP.q1TargetSet]!.recordedAt;
    const to = story.steps[STEP.q1ResultReported]!.recordedAt;
    t.same(steps(await trail(`?from=${from}&to=${to}`)), [8, 9, 10], '`from` inclusive, `to` exclusive');
    t.same(steps(await trail(`?from=2021-02-09T08:00:00-04:00&to=2021-02-11T08:00:00-04:00`)), [8, 9], 'instants with an offset compare as instants');
    t.same(
      steps(await trail(`?unit=DSP&actor=${encodeURIComponent(ANALYST.id)}&from=${from}`)),
      [STEP.q1ResultReported, STEP.dep02ResultReported, STEP.q1ResultCorrected, STEP.dep02ResultCorrected],
      'filters combine',
    );
  });

  t.test('pages: a cursor walk has no gap and no duplicate, even while the plan keeps changing', async (t) => {
    const first = await get(`${AUDIT}?limit=6&unit=DIR`);
    const firstBody = first.json<AuditBody>();
    t.equal(firstBody.entries.length, 6);
    t.ok(firstBody.nextCursor, 'more follow');
    t.match(first.headers['link'], /^<\/v1\/plans\/upisss-2021\/audit\?limit=6&unit=DIR&cursor=[A-Za-z0-9_-]+>; rel="next"$/);

    // Changes made in the middle of the walk belong to a later walk: the cursor keeps the first page's position.
    await new WriteSide(store).execute(
      indicatorStream(STORY_PLAN, 'IE-DSP-01'),
      { type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2021-Q3', value: '140' } },
      {
        actor: { id: 'late@upisss' },
        source: 'api',
        requestId: randomUUID(),
        correlationId: randomUUID(),
        recordedAt: '2021-03-01T00:00:00.000Z',
        newEventId: randomUUID,
      },
    );
    await caughtUp();

    const walked = [...firstBody.entries];
    let cursor = firstBody.nextCursor;
    let pages = 1;
    while (cursor !== null) {
      const page = await trail(`?limit=6&unit=DIR&cursor=${cursor}`);
      t.equal(page.position, firstBody.position, `page ${++pages} answers at the first page's position`);
      walked.push(...page.entries);
      cursor = page.nextCursor;
    }
    const whole = await trail(`?unit=DIR&asOf=${firstBody.position}`);
    t.same(walked, whole.entries, 'the pages, end to end, are the whole trail at that position');
    t.equal(new Set(walked.map((e) => e.position)).size, walked.length, 'no entry twice');
    t.equal(pages, 3);
    const live = await trail('?unit=DIR');
    t.equal(live.entries.length, whole.entries.length + 1, 'a new walk sees the new change');
  });

  t.test('CSV: one row per changed field, Spanish by default', async (t) => {
    const spanish = await get(`${AUDIT}?indicator=IE-DEP-02&csvVersion=1`, { accept: 'text/csv' });
    t.match(spanish.headers['content-type'], /^text\/csv/);
    const lines = spanish.body.split('\r\n');
    t.equal(lines[0], 'Posición,Registrado,Actor,Rol,Origen,Evento,Indicador,Unidad,Campo,Período,Antes,Después,Motivo,Solicitud,Correlación');
    t.match(
      lines.find((line) => line.includes('Resultado corregido,IE-DEP-02,DEP,numerator')),
      /,analyst@upisss,,api,Resultado corregido,IE-DEP-02,DEP,numerator,2021-Q1,45,47,Dos liquidaciones mal clasificadas,/,
    );
    // The registration sets 9 fields; the report sets result, numerator and denominator; the correction changes the
    // result and the numerator (the denominator stayed 100); the move changes the unit.
    t.equal(lines.length, 1 + 9 + 3 + 2 + 1 + 1, 'a header, one row per change, and the final CRLF');
    const english = await get(`${AUDIT}?indicator=IE-DSP-01&format=csv&lang=en&csvVersion=1`);
    t.match(english.body, /^Position,Recorded at,Actor,Role,Source,Event,Indicator,Unit,Field,Period,Before,After,Reason,Request,Correlation\r\n/);
    t.match(english.body, /,No data reported,IE-DSP-01,DSP,result,2021-Q1,110,No data,Sistema de pensiones en auditoría,/);
  });

  t.test("CSV: version 3 by default (a BOM first), downloaded under the plan's name", async (t) => {
    const latest = await get(`${AUDIT}?indicator=IE-DEP-02&format=csv`);
    t.match(latest.body, /^\uFEFFPosición,Registrado,/);
    t.equal(latest.body, `\uFEFF${(await get(`${AUDIT}?indicator=IE-DEP-02&format=csv&csvVersion=1`)).body}`, 'nothing to neutralise here');
    t.match(latest.headers['content-disposition'], 'attachment; filename="auditoria-upisss-2021.csv"');
    const english = await get(`${AUDIT}?format=csv&lang=en`);
    t.match(english.headers['content-disposition'], 'filename="audit-upisss-2021.csv"');
  });

  t.test('as of a position: byte for byte the same, later changes or not', async (t) => {
    const position = story.steps[STEP.q1NoData]!.position!;
    const asked = await get(`${AUDIT}?asOf=${position}&unit=DSP`);
    t.same(steps(asked.json<AuditBody>()), [2, 3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15], 'nothing after the position');
    await new WriteSide(store).execute(
      indicatorStream(STORY_PLAN, 'IE-DSP-01'),
      { type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2021-Q2', value: '131' } },
      {
        actor: { id: 'late@upisss' },
        source: 'api',
        requestId: randomUUID(),
        correlationId: randomUUID(),
        recordedAt: '2021-07-02T00:00:00.000Z',
        newEventId: randomUUID,
      },
    );
    await caughtUp();
    t.equal((await get(`${AUDIT}?asOf=${position}&unit=DSP`)).body, asked.body, 'JSON, byte for byte');
    t.match(asked.json<AuditBody>(), { position, asOf: position });
  });

  t.test('wrong requests answer problems', async (t) => {
    const early = story.steps[STEP.dspDefined]!.position!;
    const cases: Array<[string, number, string]> = [
      ['/v1/plans/nobody-2021/audit', 404, 'PLAN_NOT_FOUND'],
      [`${AUDIT}?unit=NOPE`, 404, 'UNIT_NOT_FOUND'],
      [`${AUDIT}?unit=DEP&asOf=${early}`, 404, 'UNIT_NOT_FOUND'],
      [`${AUDIT}?indicator=NOPE-1`, 404, 'INDICATOR_NOT_FOUND'],
      [`${AUDIT}?unit=not%20a%20code`, 400, 'VALIDATION_FAILED'],
      [`${AUDIT}?from=last-week`, 400, 'VALIDATION_FAILED'],
      [`${AUDIT}?from=2021-03-01T00:00:00`, 400, 'VALIDATION_FAILED'],
      [`${AUDIT}?from=6508-02-29T23:19:37%2B20:09`, 400, 'VALIDATION_FAILED'], // a zone offset no database reads (the fuzzer's seed 222)
      [`${AUDIT}?to=0000-03-01T00:00:00Z`, 400, 'VALIDATION_FAILED'], // there is no year 0
      [`${AUDIT}?from=2021-03-01T00:00:00Z&to=2021-02-01T00:00:00Z`, 400, 'INVALID_TIME_RANGE'],
      [`${AUDIT}?limit=0`, 400, 'VALIDATION_FAILED'],
      [`${AUDIT}?limit=1001`, 400, 'VALIDATION_FAILED'],
      [`${AUDIT}?cursor=bm90LWEtY3Vyc29y`, 400, 'INVALID_CURSOR'],
      [`${AUDIT}?asOf=1:2:3`, 400, 'INVALID_AS_OF'],
      [`${AUDIT}?asOf=99999999999:0`, 409, 'AS_OF_NOT_YET_PROJECTED'],
    ];
    for (const [url, status, code] of cases) {
      const response = await get(url);
      t.equal(response.statusCode, status, `${url} answers ${status}`);
      t.match(response.headers['content-type'], /^application\/problem\+json/);
      t.equal(response.json<{ code: string }>().code, code);
    }
    const { nextCursor } = await trail('?limit=2');
    const mixed = await get(`${AUDIT}?limit=2&cursor=${nextCursor}&asOf=${early}`);
    t.equal(mixed.statusCode, 400, 'a cursor and an asOf that disagree');
    t.equal(mixed.json<{ code: string }>().code, 'CURSOR_AS_OF_MISMATCH');
  });
});
