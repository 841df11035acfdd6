import tap from 'tap';
import { accessHarness, givenPlanOf, indicatorOf } from '../../testing/access-harness.js';
import { tokenFor } from '../../testing/auth.js';

tap.test('renaming, moving and retiring units and perspectives', async (t) => {
  const { app } = await accessHarness(t);
  let institutions = 0;
  const given = async () => {
    const institutionId = `units-${++institutions}`;
    const admin = (await tokenFor(app, institutionId, 'admin')).headers;
    const planId = await givenPlanOf(app, institutionId, admin);
    const url = `/v1/plans/${planId}`;
    const send = (method: 'PATCH' | 'POST' | 'GET', path: string, payload?: object, headers: Record<string, string> = {}) =>
      app.inject({ method, url: `${url}${path}`, headers: { ...admin, ...headers }, ...(payload === undefined ? {} : { payload }) });
    return { institutionId, admin, planId, url, send };
  };
  const reason = 'Reestructuración aprobada en acuerdo 12/2021';

  t.test('a PATCH renames a unit: 200 with the plan, its ETag, and the unit read back renamed', async (t) => {
    const { send } = await given();
    const before = await send('GET', '');
    const response = await send('PATCH', '/units/DSP', { name: 'Departamento de Prestaciones', reason }, { 'if-match': before.headers.etag as string });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, `"${before.json().version + 1}"`);
    t.match(response.json().write, { appended: 1 });
    t.match(
      response.json().units.find((u: { code: string }) => u.code === 'DSP'),
      { code: 'DSP', name: 'Departamento de Prestaciones', parentCode: null },
    );
    t.strictSame((await send('GET', '/units/DSP')).json(), {
      code: 'DSP',
      name: 'Departamento de Prestaciones',
      parentCode: null,
      areaClass: 'administrative',
    });
    const again = await send('PATCH', '/units/DSP', { name: 'Departamento de Prestaciones', reason });
    t.equal(again.statusCode, 200);
    t.match(again.json().write, { appended: 0 }, 'the same name again changes nothing');
  });

  t.test('a stale If-Match is 412 and renames nothing', async (t) => {
    const { send } = await given();
    const response = await send('PATCH', '/units/DSP', { name: 'Otro', reason }, { 'if-match': '"1"' });
    t.equal(response.statusCode, 412);
    t.equal(response.json().code, 'PRECONDITION_FAILED');
    t.equal((await send('GET', '/units/DSP')).json().name, 'Pensiones');
  });

  t.test('a PATCH with a name and a parent appends both, and the events carry the reason', async (t) => {
    const { send } = await given();
    const response = await send('PATCH', '/units/CONT', { name: 'Contabilidad General', parentCode: null, reason });
    t.equal(response.statusCode, 200);
    t.match(response.json().write, { appended: 2 });
    t.strictSame((await send('GET', '/units/CONT')).json(), { code: 'CONT', name: 'Contabilidad General', parentCode: null, areaClass: 'administrative' });
    const events = (await send('GET', '/events')).json();
    const last = events.events.slice(-2);
    t.match(last, [
      { type: 'UnitRenamed', data: { code: 'CONT', name: 'Contabilidad General', previousName: 'Contabilidad' }, metadata: { reason } },
      { type: 'UnitMoved', data: { code: 'CONT', parentCode: null, previousParentCode: 'DNGF' }, metadata: { reason } },
    ]);
  });

  t.test('the rules answer as problems, in Spanish unless English is asked for, and nothing is appended', async (t) => {
    const { send } = await given();
    const version = async () => (await send('GET', '')).json().version as number;
    const start = await version();
    t.match((await send('PATCH', '/units/DIV', { parentCode: 'CONT', reason })).json(), {
      status: 422,
      code: 'UNIT_MOVE_CYCLE',
      detail: 'La unidad DIV no puede quedar bajo CONT: esa unidad es DIV misma o está debajo de ella.',
    });
    t.match((await send('PATCH', '/units/DSP', { parentCode: 'NOPE', reason })).json(), { status: 422, code: 'UNKNOWN_PARENT_UNIT' });
    t.match((await send('PATCH', '/units/NOPE', { name: 'X', reason })).json(), { status: 404, code: 'UNIT_NOT_FOUND' });
    t.match((await send('POST', '/units/constructor/retirement', { reason })).json(), { status: 404, code: 'UNIT_NOT_FOUND' });
    t.match((await send('PATCH', '/units/DSP', { reason })).json(), { status: 400, code: 'NOTHING_TO_CHANGE' });
    t.match((await send('PATCH', '/units/DSP', { name: 'X' })).json(), { status: 400, code: 'VALIDATION_FAILED' });
    t.match((await send('PATCH', '/units/DSP', { name: 'X', reason, areaClass: 'health' })).json(), { status: 400, code: 'VALIDATION_FAILED' });
    t.match((await send('POST', '/units/DNGF/retirement', { reason }, { 'accept-language': 'en' })).json(), {
      status: 409,
      code: 'UNIT_HAS_ACTIVE_UNITS',
      detail: 'The unit DNGF still has active units below it: CONT. Move or retire them first.',
      details: { code: 'DNGF', units: ['CONT'] },
    });
    t.match((await send('PATCH', '/perspectives/nope', { name: 'X', reason })).json(), { status: 404, code: 'PERSPECTIVE_NOT_FOUND' });
    t.equal(await version(), start, 'nothing appended');
  });

  t.test('a retired unit shows retired, takes no indicator, no unit below it, no change and no reporter token', async (t) => {
    const { institutionId, admin, send } = await given();
    const response = await send('POST', '/units/CONT/retirement', { reason: 'Sus funciones pasaron a DNGF' });
    t.equal(response.statusCode, 200);
    t.match(response.json().write, { appended: 1 });
    t.strictSame((await send('GET', '/units/CONT')).json(), {
      code: 'CONT',
      name: 'Contabilidad',
      parentCode: 'DNGF',
      areaClass: 'administrative',
      retired: true,
    });
    t.notOk('retired' in (await send('GET', '/units/DSP')).json(), 'an active unit has no retired field');
    t.match((await send('POST', '/units/CONT/retirement', { reason })).json().write, { appended: 0 }, 'retiring again changes nothing');
    t.match((await send('POST', '/indicators', indicatorOf('NEW-CONT', 'CONT'))).json(), { status: 409, code: 'UNIT_RETIRED' });
    t.match((await send('POST', '/units', { code: 'SUB', name: 'Sección', parentCode: 'CONT', areaClass: 'administrative' })).json(), {
      status: 422,
      code: 'PARENT_UNIT_RETIRED',
    });
    t.match((await send('PATCH', '/units/CONT', { name: 'Otra', reason })).json(), { status: 409, code: 'UNIT_RETIRED' });
    const token = await app.inject({
      method: 'POST',
      url: '/v1/access/tokens',
      headers: admin,
      payload: { role: 'reporter', units: ['CONT'], label: `reporter of ${institutionId}` },
    });
    t.match(token.json(), { status: 422, code: 'UNKNOWN_TOKEN_UNITS', details: { units: ['CONT'] } });
    t.equal((await send('POST', '/units/DNGF/retirement', { reason })).statusCode, 200, 'with CONT retired, DNGF can retire');
  });

  t.test('a perspective is renamed and retired; a retired one takes no new indicator', async (t) => {
    const { send } = await given();
    const renamed = await send('PATCH', '/perspectives/usuarios', { name: 'Derechohabientes', reason });
    t.equal(renamed.statusCode, 200);
    t.strictSame(renamed.json().perspectives, [{ code: 'usuarios', name: 'Derechohabientes' }]);
    t.match((await send('PATCH', '/perspectives/usuarios', { name: 'Derechohabientes', reason })).json().write, { appended: 0 });
    const retired = await send('POST', '/perspectives/usuarios/retirement', { reason: 'Fusionada' });
    t.equal(retired.statusCode, 200);
    t.strictSame((await send('GET', '/perspectives/usuarios')).json(), { code: 'usuarios', name: 'Derechohabientes', retired: true });
    t.match((await send('POST', '/indicators', indicatorOf('NEW-DSP', 'DSP'))).json(), { status: 409, code: 'PERSPECTIVE_RETIRED' });
    t.match((await send('PATCH', '/perspectives/usuarios', { name: 'Otra', reason })).json(), { status: 409, code: 'PERSPECTIVE_RETIRED' });
  });

  t.test('an Idempotency-Key replays the first answer and appends once', async (t) => {
    const { send } = await given();
    const headers = { 'idempotency-key': 'rename-dsp-1' };
    const first = await send('PATCH', '/units/DSP', { name: 'Prestaciones', reason }, headers);
    const second = await send('PATCH', '/units/DSP', { name: 'Prestaciones', reason }, headers);
    t.equal(first.statusCode, 200);
    t.equal(second.statusCode, 200);
    t.equal(second.body, first.body, 'the same answer');
    t.match(second.json().write, { appended: 1 });
  });

  t.test('only planners and admins change units and perspectives', async (t) => {
    const { institutionId, url } = await given();
    const reporter = await tokenFor(app, institutionId, 'reporter', { units: ['DSP'] });
    const auditor = await tokenFor(app, institutionId, 'auditor');
    for (const headers of [reporter.headers, auditor.headers]) {
      for (const [method, path, payload] of [
        ['PATCH', '/units/DSP', { name: 'X', reason }],
        ['POST', '/units/DSP/retirement', { reason }],
        ['PATCH', '/perspectives/usuarios', { name: 'X', reason }],
        ['POST', '/perspectives/usuarios/retirement', { reason }],
      ] as const) {
        const response = await app.inject({ method, url: `${url}${path}`, headers, payload });
        t.equal(response.statusCode, 403, `${method} ${path}`);
      }
    }
  });
});
