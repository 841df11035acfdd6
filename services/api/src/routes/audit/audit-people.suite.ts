import type { openEventStore } from '@semaforo/event-store';
import type { Test } from 'tap';
import { projectedApp } from '../../testing/projected-app.js';
import { indicatorBody, openPlanBody } from '../../testing/route-test-harness.js';

/** People in the audit: who holds each token, named beside its id, found by name; on the store `open` opens (PGlite by default). */
export async function auditPeopleSuite(t: Test, open?: () => ReturnType<typeof openEventStore>): Promise<void> {
  const { send, must, caughtUp } = await projectedApp(t, open === undefined ? {} : { open });
  await must({ method: 'POST', url: '/v1/plans', payload: openPlanBody('upisss') });
  const plan = '/v1/plans/upisss-2021';
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'DSP', name: 'Departamento de Pensiones', areaClass: 'administrative' } });
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'DPPE', name: 'Planes y Proyectos Estratégicos', areaClass: 'administrative' } });
  await must({ method: 'POST', url: `${plan}/indicators`, payload: indicatorBody });

  const issue = async (payload: object) => (await must({ method: 'POST', url: '/v1/access/tokens', payload })).json<{ tokenId: string; token: string }>();
  const ana = await issue({ role: 'planner', label: 'Ana Pérez, DPPE', holderName: 'Ana Pérez', holderUnit: 'DPPE' });
  const anaAgain = await issue({ role: 'planner', label: 'Ana, portátil nuevo', holderName: 'Ana Pérez', holderUnit: 'DPPE' });
  const luis = await issue({ role: 'auditor', label: 'Luis Gómez, auditoría interna', holderName: 'Luis Gómez' });
  const job = await issue({ role: 'reporting-job', label: 'informe nocturno' });

  t.test('a token names its holder and unit; a unit no plan defines is refused', async (t) => {
    const token = await send({ method: 'GET', url: `/v1/access/tokens/${ana.tokenId}` });
    t.match(token.json(), { holderName: 'Ana Pérez', holderUnit: 'DPPE', label: 'Ana Pérez, DPPE' });
    t.match((await send({ method: 'GET', url: `/v1/access/tokens/${job.tokenId}` })).json(), { holderName: null, holderUnit: null });
    const refused = await send({ method: 'POST', url: '/v1/access/tokens', payload: { role: 'planner', label: 'x', holderName: 'X', holderUnit: 'NOPE' } });
    t.match(refused.json(), { status: 422, code: 'UNKNOWN_TOKEN_UNITS', details: { units: ['NOPE'] } });
  });

  t.test('auditors list the tokens, never a secret', async (t) => {
    const list = await send({ method: 'GET', url: '/v1/access/tokens' }, luis.token);
    t.equal(list.statusCode, 200, list.body);
    t.ok(list.json<{ tokens: Array<{ holderName: string | null }> }>().tokens.some((token) => token.holderName === 'Ana Pérez'));
    t.notOk(list.body.includes(ana.token.split('.')[2] ?? '-'), 'no secret');
    t.notOk(list.body.includes('sha256:'), 'no hash');
    t.equal((await send({ method: 'GET', url: `/v1/access/tokens/${ana.tokenId}` }, luis.token)).statusCode, 200);
    t.equal((await send({ method: 'POST', url: '/v1/access/tokens', payload: { role: 'auditor', label: 'y' } }, luis.token)).statusCode, 403, 'but issue none');
  });

  await send({ method: 'PUT', url: `${plan}/indicators/${indicatorBody.code}/targets/2021-Q1`, payload: { value: '10' } }, ana.token);
  await send({ method: 'PUT', url: `${plan}/indicators/${indicatorBody.code}/targets/2021-Q2`, payload: { value: '11' } }, anaAgain.token);
  await send(
    { method: 'PUT', url: `${plan}/indicators/${indicatorBody.code}/targets/2021-Q1`, payload: { value: '12', reason: 'reprogramación' } },
    anaAgain.token,
  );
  await caughtUp();

  t.test('the audit names the person beside the token id; the actor filter takes a name or an id', async (t) => {
    const all = await send({ method: 'GET', url: `${plan}/audit` }, luis.token);
    t.equal(all.statusCode, 200, all.body);
    const targetEntries = all
      .json<{ entries: Array<{ event: string; actor: { id: string; name: string | null } }> }>()
      .entries.filter((e) => e.event.startsWith('Target'));
    t.same(
      targetEntries.map((e) => e.actor),
      [
        { id: ana.tokenId, role: 'planner', name: 'Ana Pérez' },
        { id: anaAgain.tokenId, role: 'planner', name: 'Ana Pérez' },
        { id: anaAgain.tokenId, role: 'planner', name: 'Ana Pérez' },
      ],
    );
    const byName = await send({ method: 'GET', url: `${plan}/audit?actor=${encodeURIComponent('ana perez')}` }, luis.token);
    t.same(
      byName.json<{ entries: Array<{ actor: { id: string } }> }>().entries.map((e) => e.actor.id),
      [ana.tokenId, anaAgain.tokenId, anaAgain.tokenId],
      'every token Ana held, case and accents aside',
    );
    const byId = await send({ method: 'GET', url: `${plan}/audit?actor=${ana.tokenId}` }, luis.token);
    t.equal(byId.json<{ entries: unknown[] }>().entries.length, 1, 'an id is that token only');
    const nobody = await send({ method: 'GET', url: `${plan}/audit?actor=Nadie` }, luis.token);
    t.same(nobody.json<{ entries: unknown[] }>().entries, []);
  });
}
