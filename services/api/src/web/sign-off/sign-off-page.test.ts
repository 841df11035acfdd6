import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { webHarness } from '../../testing/web-harness.js';
import { csrfOf, signIn } from '../web-testing.js';

const h = await webHarness(tap);
const { app, planId, tokens } = h;
const planner = await tokenFor(app, 'upisss', 'planner', { label: 'Marta Ruiz (Planificación)' });
const board = (period = '2021-M01') => `/app/plans/${planId}/sign-off?period=${period}`;
const action = (unit: string, transition: string, period = '2021-M01') => `/app/plans/${planId}/sign-off/${period}/${unit}/${transition}`;
let startPosition = '';
const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

tap.test('every role reads the board; only planners get the forms, and a forged POST from another role is refused', async (t) => {
  const auditor = await signIn(app, tokens.auditor.token);
  const page = await auditor.get(board());
  t.equal(page.statusCode, 200);
  t.match(page.body, /Aprobación del período 2021-M01/);
  startPosition = /data-testid="position">([^<]+)</.exec(page.body)?.[1] ?? '';
  for (const unit of ['DIV', 'DNGF', 'CONT', 'DSP']) t.match(page.body, new RegExp(`data-unit="${unit}"`));
  t.notMatch(page.body, /\/reopening"/, 'no transition form for an auditor');
  const forged = await auditor.post(action('DNGF', 'reopening'), { _csrf: csrfOf(page.body), reason: 'x' });
  t.equal(forged.statusCode, 403);
  const reporter = await signIn(app, tokens.reporter.token);
  const reporterPage = await reporter.get(board());
  t.match(reporterPage.body, new RegExp(`/app/plans/${planId}/entry/DNGF/2021-M01`), 'the reporter is sent to data entry to submit');
  t.equal((await reporter.post(action('DNGF', 'approval'), { _csrf: csrfOf(reporterPage.body) })).statusCode, 403);
});

tap.test('a planner approves bottom-up; refusals are shown on the board in Spanish with their code; a form without CSRF is refused', async (t) => {
  const reporter = await signIn(app, tokens.reporter.token);
  const entry = await reporter.get(`/app/plans/${planId}/entry/DNGF/2021-M01`);
  t.equal((await reporter.post(`/app/plans/${planId}/entry/DNGF/2021-M01/submission`, { _csrf: csrfOf(entry.body), comment: HOSTILE })).statusCode, 303);

  const session = await signIn(app, planner.token);
  let page = await session.get(board());
  t.match(page.body, /Enviado para aprobación/);
  t.match(page.body, /Ana Pérez \(Gestión Financiera\)/, 'who, by the token label');
  t.notMatch(page.body, /<script>alert/, 'the comment is text');
  t.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;img/);
  t.notMatch(page.body, /<img src=x/);

  t.equal((await session.post(action('DNGF', 'approval'), {})).statusCode, 403, 'no CSRF token');

  const refused = await session.post(action('DNGF', 'approval'), { _csrf: csrfOf(page.body) });
  t.equal(refused.statusCode, 409);
  t.match(refused.body, /hay unidades dependientes sin aprobar/);
  t.match(refused.body, /CHILD_UNITS_NOT_APPROVED/);
  t.match(refused.body, /data-testid="sign-off-board"/, 'the board is shown again under the error');

  const noComment = await session.post(action('DNGF', 'return'), { _csrf: csrfOf(page.body), comment: ' ' });
  t.equal(noComment.statusCode, 422);
  t.match(noComment.body, /Escriba el comentario o el motivo/);

  await h.asAdmin({ method: 'POST', url: `/v1/plans/${planId}/periods/2021-M01/units/CONT/submission`, payload: {} });
  const cont = await session.post(action('CONT', 'approval'), { _csrf: csrfOf(page.body), comment: 'ok' });
  t.equal(cont.statusCode, 303);
  t.match(String(cont.headers.location), /done=approval/);
  const dngf = await session.post(action('DNGF', 'approval'), { _csrf: csrfOf(page.body) });
  t.equal(dngf.statusCode, 303);
  page = await session.get(String(dngf.headers.location));
  t.match(page.body, /Período aprobado\./);
  t.match(page.body, /Marta Ruiz \(Planificación\)/);
  t.match(page.body, /Aprobado: <strong>2<\/strong>/);
  t.match(page.body, /DNGF\/unapproval"/, 'an approved unit offers unapproval');

  const reopened = await session.post(action('DNGF', 'reopening'), { _csrf: csrfOf(page.body), reason: `Corrección ${HOSTILE}` });
  t.equal(reopened.statusCode, 303, 'the lock exception, with its reason');
  page = await session.get(board());
  t.match(page.body, /Reabierto por Marta Ruiz \(Planificación\): Corrección &lt;script&gt;/);
  t.notMatch(page.body, /<script>alert/);
});

tap.test('in the past the board is read-only and shows the state then', async (t) => {
  const session = await signIn(app, planner.token);
  const now = await session.get(board());
  t.ok(startPosition);
  const past = await session.get(`${board()}&asOf=${startPosition}`);
  t.equal(past.statusCode, 200);
  t.notMatch(past.body, /\/approval"/);
  t.match(past.body, /Abierto: <strong>4<\/strong>/);
  t.match(past.body, /En el pasado no se aprueba/);
  t.equal((await session.post(`${action('DSP', 'reopening')}?asOf=${startPosition}`, { _csrf: csrfOf(now.body), reason: 'x' })).statusCode, 409);
});
