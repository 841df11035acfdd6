import t from 'tap';
import { projectedApp } from '../../testing/projected-app.js';
import { indicatorBody, openPlanBody } from '../../testing/route-test-harness.js';

/*
 * The read side of renaming, moving and retiring: the audit trail records
 * each as a change (before → after) and its unit filter follows the tree as
 * it was at the position asked; the units tree and an evaluation at a
 * position before the change answer what they answered then.
 */
t.test('units renamed, moved and retired, read as of before and after', async (t) => {
  const { send, must, caughtUp } = await projectedApp(t, {});
  const plan = '/v1/plans/upisss-2021';
  const reason = 'Reestructuración aprobada en acuerdo 12/2021';
  await must({ method: 'POST', url: '/v1/plans', payload: openPlanBody('upisss') });
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'DIV', name: 'División de Prestaciones', areaClass: 'administrative' } });
  await must({
    method: 'POST',
    url: `${plan}/units`,
    payload: { code: 'DSP', name: 'Departamento de Pensiones', parentCode: 'DIV', areaClass: 'administrative' },
  });
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'DNGF', name: 'Gestión Financiera', areaClass: 'administrative' } });
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'SEC', name: 'Sección', parentCode: 'DNGF', areaClass: 'administrative' } });
  await must({ method: 'POST', url: `${plan}/indicators`, payload: indicatorBody });
  await must({ method: 'PUT', url: `${plan}/indicators/${indicatorBody.code}/targets/2021-Q1`, payload: { value: '10' } });
  const before = (await must({ method: 'PUT', url: `${plan}/indicators/${indicatorBody.code}/results/2021-Q1`, payload: { value: '8' } })).json().write
    .position as string;
  await caughtUp();
  const get = (url: string) => send({ method: 'GET', url });
  // Asked as of the same position before and after the changes: an answer echoes its asOf and position.
  const treeBefore = (await get(`${plan}/units?asOf=${before}`)).body;
  const evaluationBefore = (await get(`${plan}/evaluations/2021-Q1?asOf=${before}`)).body;

  await must({ method: 'PATCH', url: `${plan}/units/DSP`, payload: { name: 'Departamento de Prestaciones', parentCode: 'DNGF', reason } });
  await must({ method: 'PATCH', url: `${plan}/perspectives/usuarios`, payload: { name: 'Derechohabientes', reason } });
  await must({ method: 'POST', url: `${plan}/units/SEC/retirement`, payload: { reason: 'Suprimida' } });
  await caughtUp();

  t.test('the answers as of before the changes are the bytes they were', async (t) => {
    t.equal((await get(`${plan}/units?asOf=${before}`)).body, treeBefore, 'the units tree');
    t.equal((await get(`${plan}/evaluations/2021-Q1?asOf=${before}`)).body, evaluationBefore, 'the evaluation');
  });

  t.test('the units tree now: current names and places, a retired unit marked', async (t) => {
    t.match((await get(`${plan}/units`)).json().units, [
      { code: 'DIV', children: [] },
      {
        code: 'DNGF',
        children: [
          { code: 'DSP', name: 'Departamento de Prestaciones', children: [] },
          { code: 'SEC', name: 'Sección', retired: true, children: [] },
        ],
      },
    ]);
    t.notOk('retired' in (await get(`${plan}/units`)).json().units[0], 'an active unit has no retired field');
  });

  t.test('the evaluation now reads the new names and places', async (t) => {
    const evaluation = (await get(`${plan}/evaluations/2021-Q1`)).json();
    t.not(JSON.stringify(evaluation), evaluationBefore);
    t.match(JSON.stringify(evaluation), /Departamento de Prestaciones/);
    t.match(JSON.stringify(evaluation), /Derechohabientes/);
    t.notMatch(JSON.stringify(evaluation), /Persona Usuaria/);
  });

  t.test('the audit trail records each change, before → after, with its reason', async (t) => {
    const entries = (await get(`${plan}/audit`)).json().entries as Array<{ event: string }>;
    const changes = entries.filter((e) => ['UnitRenamed', 'UnitMoved', 'PerspectiveRenamed', 'UnitRetired'].includes(e.event));
    t.match(changes, [
      { event: 'UnitRenamed', unit: 'DSP', reason, changes: [{ field: 'name', before: 'Departamento de Pensiones', after: 'Departamento de Prestaciones' }] },
      { event: 'UnitMoved', unit: 'DSP', reason, changes: [{ field: 'parentCode', before: 'DIV', after: 'DNGF' }] },
      { event: 'PerspectiveRenamed', unit: null, changes: [{ field: 'perspective.usuarios.name', before: 'Persona Usuaria', after: 'Derechohabientes' }] },
      { event: 'UnitRetired', unit: 'SEC', reason: 'Suprimida', changes: [{ field: 'retired', before: null, after: 'true' }] },
    ]);
  });

  t.test("the trail's unit filter follows the tree at the position asked", async (t) => {
    const indicatorRows = async (query: string) =>
      ((await get(`${plan}/audit?${query}`)).json().entries as Array<{ indicator: string | null }>).filter((e) => e.indicator !== null).length;
    t.ok((await indicatorRows(`unit=DIV&asOf=${before}`)) > 0, 'DSP was below DIV then');
    t.equal(await indicatorRows('unit=DIV'), 0, 'DSP is no longer below DIV');
    t.ok((await indicatorRows('unit=DNGF')) > 0, 'DSP is below DNGF now');
    t.equal(await indicatorRows(`unit=DNGF&asOf=${before}`), 0, 'and was not then');
    t.equal((await get(`${plan}/audit?unit=SEC`)).statusCode, 200, 'a retired unit keeps its trail');
  });
});
