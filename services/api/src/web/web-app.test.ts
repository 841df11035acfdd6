import { indicatorStreamName } from '@semaforo/domain';
import tap from 'tap';
import { WEB_TEST_SESSION_SECRET, webHarness } from '../testing/web-harness.js';
import { SessionSealer } from './session.js';
import { cookieHeader, cookiesOf, csrfOf, HTML, signIn } from './web-testing.js';

const h = await webHarness(tap);
const { app, planId, tokens } = h;
const version = async (code: string) => (await h.store.readStream(indicatorStreamName(planId, code))).version;
const entryUrl = (unit: string, month = '2021-M01') => `/app/plans/${planId}/entry/${unit}/${month}`;

tap.test('/ sends a browser to the web app; a page without a session asks to sign in, under a strict CSP', async (t) => {
  const root = await app.inject({ method: 'GET', url: '/' });
  t.equal(root.statusCode, 302);
  t.equal(root.headers.location, '/app');
  const page = await app.inject({ method: 'GET', url: '/app', headers: { accept: HTML } });
  t.equal(page.statusCode, 401);
  t.match(page.headers['content-type'], /text\/html/);
  t.match(page.body, /Iniciar sesión/, 'Spanish by default');
  t.match(page.body, /pnpm -s admin -- bootstrap/, 'the page says how a token is had');
  const csp = String(page.headers['content-security-policy']);
  t.match(csp, /default-src 'none'/);
  t.notMatch(csp, /unsafe-inline/);
  t.notMatch(page.body, /<script/i, 'no script at all');
  t.notMatch(page.body, / style=/, 'no inline style');
  const script = await app.inject({ method: 'GET', url: '/app' });
  t.equal(script.statusCode, 401);
  t.match(script.headers['content-type'], /application\/problem\+json/, 'a client that does not ask for HTML gets the API problem');
  t.equal(script.json<{ code: string }>().code, 'AUTHENTICATION_REQUIRED');
  const english = await app.inject({ method: 'GET', url: '/app/sign-in?lang=en' });
  t.match(english.body, /Sign in/);
  t.match(String(english.headers['set-cookie']), /smf_lang=en/);
});

tap.test('signing in sets an HttpOnly, SameSite=Strict session cookie (not Secure over plain http); every page says who, role and institution', async (t) => {
  const session = await signIn(app, tokens.reporter.token);
  const cookie = session.signInResponse.cookies.find((c) => c.name === 'smf_session');
  t.ok(cookie, 'a session cookie');
  t.equal(cookie?.httpOnly, true);
  t.equal(cookie?.sameSite, 'Strict');
  t.notOk(cookie?.secure, 'plain http: no Secure flag (it is set when the request came over TLS)');
  t.notMatch(cookie?.value ?? '', new RegExp(tokens.reporter.token.split('.')[2] ?? 'x'), 'the token is sealed, not readable in the cookie');
  const page = await session.get(`/app/plans/${planId}/overview?period=2021-Q1`);
  t.equal(page.statusCode, 200);
  t.match(page.body, /Ana Pérez \(Gestión Financiera\)/);
  t.match(page.body, /registro de resultados/);
  t.match(page.body, /upisss/);
});

tap.test('the sign-in form refuses a post without its CSRF token, and a wrong token with a message', async (t) => {
  const noCsrf = await app.inject({
    method: 'POST',
    url: '/app/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: HTML },
    payload: `token=${encodeURIComponent(tokens.admin.token)}`,
  });
  t.equal(noCsrf.statusCode, 403);
  t.notOk(noCsrf.cookies.some((c) => c.name === 'smf_session'));
  const form = await app.inject({ method: 'GET', url: '/app/sign-in', headers: { accept: HTML } });
  const wrong = await app.inject({
    method: 'POST',
    url: '/app/sign-in',
    headers: { cookie: cookieHeader(cookiesOf(form)), 'content-type': 'application/x-www-form-urlencoded', accept: HTML },
    payload: new URLSearchParams({ _csrf: csrfOf(form.body), token: 'smf_upisss.nope.nope' }).toString(),
  });
  t.equal(wrong.statusCode, 401);
  t.match(wrong.body, /no es válido/);
});

tap.test('a tampered or expired session is no session; signing out ends it', async (t) => {
  const tampered = await app.inject({ method: 'GET', url: '/app', headers: { cookie: 'smf_session=AAAA.BBBB.CCCC' } });
  t.equal(tampered.statusCode, 401);
  const expired = new SessionSealer(WEB_TEST_SESSION_SECRET).seal({ token: tokens.admin.token, sid: 'x', expiresAt: Date.now() - 1 });
  t.equal((await app.inject({ method: 'GET', url: '/app', headers: { cookie: `smf_session=${expired}` } })).statusCode, 401);
  const session = await signIn(app, tokens.admin.token);
  t.equal((await session.get('/app')).statusCode, 200);
  const home = await session.get('/app');
  const out = await session.post('/app/sign-out', { _csrf: csrfOf(home.body) });
  t.equal(out.statusCode, 303);
  const cleared = out.cookies.find((c) => c.name === 'smf_session');
  t.equal(cleared?.value, '', 'the cookie is cleared');
});

tap.test('a form posted without its CSRF token, or with another session’s, is refused and writes nothing', async (t) => {
  const session = await signIn(app, tokens.reporter.token);
  const form = await session.get(entryUrl('DNGF'));
  t.equal(form.statusCode, 200);
  const before = await version('IN-DNGF');
  const fields = { 'version.IN-DNGF': String(before), 'shown.IN-DNGF': '', 'value.IN-DNGF': '55' };
  const without = await session.post(entryUrl('DNGF'), fields);
  t.equal(without.statusCode, 403);
  t.match(without.body, /CSRF_TOKEN_INVALID/);
  const other = await signIn(app, tokens.reporter.token);
  const foreign = await session.post(entryUrl('DNGF'), { ...fields, _csrf: csrfOf((await other.get('/app')).body) });
  t.equal(foreign.statusCode, 403);
  t.equal(await version('IN-DNGF'), before, 'nothing appended');
});

tap.test("a reporter cannot reach another unit's form, and a forged POST to it is refused", async (t) => {
  const session = await signIn(app, tokens.reporter.token);
  const page = await session.get(entryUrl('DSP'));
  t.equal(page.statusCode, 403);
  t.match(page.body, /OUTSIDE_ASSIGNED_UNITS/);
  const csrf = csrfOf((await session.get('/app')).body);
  const before = await version('OUT-DSP');
  const forged = await session.post(entryUrl('DSP'), { _csrf: csrf, 'version.OUT-DSP': String(before), 'shown.OUT-DSP': '', 'value.OUT-DSP': '1' });
  t.equal(forged.statusCode, 403);
  t.equal(await version('OUT-DSP'), before, 'nothing appended');
  const chooser = await session.get(`/app/plans/${planId}/entry`);
  t.match(chooser.body, /value="DNGF"/);
  t.notMatch(chooser.body, /value="DSP"/, 'only its own units to choose from');
  t.equal((await session.get(`/app/plans/${planId}/audit`)).statusCode, 403, 'the audit explorer is for admins and auditors, as GET /v1/…/audit');
});

tap.test('values are checked with the API’s rules, the errors in Spanish next to the field', async (t) => {
  const session = await signIn(app, tokens.reporter.token);
  const form = await session.get(entryUrl('DNGF', '2021-M02'));
  const csrf = csrfOf(form.body);
  const v = String(await version('IN-DNGF'));
  const bad = await session.post(entryUrl('DNGF', '2021-M02'), { _csrf: csrf, 'version.IN-DNGF': v, 'shown.IN-DNGF': '', 'value.IN-DNGF': '12,5' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, /id="err-value-IN-DNGF">Escriba un número decimal/);
  t.match(bad.body, /value="12,5"/, 'what was typed stays in the field');
  const ok = await session.post(entryUrl('DNGF', '2021-M02'), { _csrf: csrf, 'version.IN-DNGF': v, 'shown.IN-DNGF': '', 'value.IN-DNGF': '80' });
  t.equal(ok.statusCode, 303);
  const again = await session.get(entryUrl('DNGF', '2021-M02'));
  const v2 = String(await version('IN-DNGF'));
  const noReason = await session.post(entryUrl('DNGF', '2021-M02'), {
    _csrf: csrfOf(again.body),
    'version.IN-DNGF': v2,
    'shown.IN-DNGF': '80||',
    'value.IN-DNGF': '81',
  });
  t.equal(noReason.statusCode, 422);
  t.match(noReason.body, /es una corrección: escriba el motivo/);
});

tap.test('two people editing the same indicator: the second sees a conflict and what changed, never a silent overwrite', async (t) => {
  const first = await signIn(app, tokens.reporter.token);
  const second = await signIn(app, tokens.admin.token);
  const formA = await first.get(entryUrl('DNGF', '2021-M03'));
  const formB = await second.get(entryUrl('DNGF', '2021-M03'));
  const v = String(await version('IN-DNGF'));
  const a = await first.post(entryUrl('DNGF', '2021-M03'), { _csrf: csrfOf(formA.body), 'version.IN-DNGF': v, 'shown.IN-DNGF': '', 'value.IN-DNGF': '90' });
  t.equal(a.statusCode, 303);
  const b = await second.post(entryUrl('DNGF', '2021-M03'), { _csrf: csrfOf(formB.body), 'version.IN-DNGF': v, 'shown.IN-DNGF': '', 'value.IN-DNGF': '70' });
  t.equal(b.statusCode, 409);
  t.match(b.body, /data-testid="conflict-IN-DNGF"/);
  t.match(b.body, /Resultado reportado · Ana Pérez/, 'what changed, and who did it, by token label');
  const state = await h.store.readStream(indicatorStreamName(planId, 'IN-DNGF'));
  const last = state.events.at(-1);
  t.same(last?.data['value'], '90', 'the first value stands');
});

tap.test('user text is escaped on every page: a justification with <script> and "><img onerror> renders as text', async (t) => {
  const text = '<script>alert(1)</script> "><img src=x onerror=alert(2)>';
  await h.asAdmin({ method: 'POST', url: `/v1/plans/${planId}/indicators/IN-CONT/justifications/2021-M01`, payload: { text } });
  await h.caughtUp();
  const session = await signIn(app, tokens.auditor.token);
  const page = await session.get(`/app/plans/${planId}/indicators/IN-CONT`);
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, /<script>alert/);
  t.notMatch(page.body, /<img src=x/);
  t.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;/);
  t.match(page.body, /data-testid="raw-events"/, 'an auditor sees the raw events with their hashes');
  const reporter = await signIn(app, tokens.reporter.token);
  t.notMatch((await reporter.get(`/app/plans/${planId}/indicators/IN-CONT`)).body, /data-testid="raw-events"/, 'a reporter does not, as GET …/events');
  const audit = await session.get(`/app/plans/${planId}/audit`);
  t.notMatch(audit.body, /<img src=x/);
  t.match(audit.body, /Admin General/, 'people by the label of their token');
  for (const day of ['2021-13-45', '0000-03-01', '9999-12-31']) {
    t.equal((await session.get(`/app/plans/${planId}/audit?from=${day}`)).statusCode, 400, `from=${day} is no day to read from: refused, not a 500`);
  }
  t.equal((await session.get(`/app/plans/${planId}/audit?from=2021-01-01&to=2021-12-31`)).statusCode, 200);
});

tap.test('a result stored with a plausibility warning carries a warning mark on the indicator page; one without carries none', async (t) => {
  await h.asAdmin({ method: 'PUT', url: `/v1/plans/${planId}/indicators/OUT-DSP/plausibility-rules`, payload: { maximum: { value: '10', level: 'warn' } } });
  await h.asAdmin({ method: 'PUT', url: `/v1/plans/${planId}/indicators/OUT-DSP/results/2021-M01`, payload: { value: '50' } });
  await h.asAdmin({ method: 'PUT', url: `/v1/plans/${planId}/indicators/OUT-DSP/results/2021-M02`, payload: { value: '5' } });
  await h.caughtUp();
  const session = await signIn(app, tokens.auditor.token);
  const page = await session.get(`/app/plans/${planId}/indicators/OUT-DSP`);
  t.equal(page.statusCode, 200);
  t.match(
    page.body,
    /<tr data-period="2021-M01">[\s\S]*?data-testid="plausibility-warning" title="Advertencia de plausibilidad"\s*>⚠ por encima del máximo 10<\/span[\s\S]*?<\/tr>/,
  );
  t.notMatch(page.body, /<tr data-period="2021-M02">(?:(?!<\/tr>)[\s\S])*plausibility-warning/, 'a result that breaks nothing has no mark');
});

tap.test('a result a plausibility rule refuses is refused next to its value, with the rule and the bound, in Spanish', async (t) => {
  await h.asAdmin({
    method: 'PUT',
    url: `/v1/plans/${planId}/indicators/IN-DNGF/plausibility-rules`,
    payload: { maximum: { value: '1000000', level: 'refuse' } },
  });
  const session = await signIn(app, tokens.reporter.token);
  const form = await session.get(entryUrl('DNGF', '2021-M05'));
  const v = String(await version('IN-DNGF'));
  const refused = await session.post(entryUrl('DNGF', '2021-M05'), {
    _csrf: csrfOf(form.body),
    'version.IN-DNGF': v,
    'shown.IN-DNGF': '',
    'value.IN-DNGF': '2000000',
  });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, /id="err-value-IN-DNGF">El resultado 2000000 de IN-DNGF para 2021-M05 está por encima de su máximo 1000000\./);
  t.equal(String(await version('IN-DNGF')), v, 'nothing appended');
  await h.asAdmin({ method: 'PUT', url: `/v1/plans/${planId}/indicators/IN-DNGF/plausibility-rules`, payload: {} });
});

tap.test('a bearer token reaches the pages too (the same table), with no CSRF to send', async (t) => {
  const page = await app.inject({ method: 'GET', url: `/app/plans/${planId}/audit`, headers: tokens.auditor.headers });
  t.equal(page.statusCode, 200);
  const csv = await app.inject({ method: 'GET', url: `/app/plans/${planId}/audit.csv?lang=en`, headers: tokens.auditor.headers });
  t.equal(csv.statusCode, 200);
  t.match(String(csv.headers['content-disposition']), /attachment; filename="audit-upisss-2021/);
  const json = await app.inject({ method: 'POST', url: entryUrl('DNGF'), headers: tokens.admin.headers, payload: { 'value.IN-DNGF': 1 } });
  t.equal(json.statusCode, 415, 'pages take forms only: no unvalidated JSON reaches them');
  t.equal(
    (await app.inject({ method: 'GET', url: `/app/plans/isss-2021/overview`, headers: tokens.auditor.headers })).statusCode,
    404,
    'another institution: not found',
  );
});
