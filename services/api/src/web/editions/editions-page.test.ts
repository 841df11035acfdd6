import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { webHarness } from '../../testing/web-harness.js';
import { csrfOf, signIn } from '../web-testing.js';

const h = await webHarness(tap);
const { app, planId, tokens } = h;
const planner = await tokenFor(app, 'upisss', 'planner', { label: 'Marta <b>Ruiz</b>' });
const list = `/app/plans/${planId}/editions?period=2021-Q1`;
const publish = `/app/plans/${planId}/editions/2021-Q1`;
const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

tap.test('a planner publishes (the unapproved units refused first, in Spanish), restates with a reason, and sees the difference with its causes', async (t) => {
  const session = await signIn(app, planner.token);
  let page = await session.get(list);
  t.equal(page.statusCode, 200);
  t.match(page.body, /Este período aún no se ha publicado/);
  t.match(page.body, /data-testid="publish-form"/);
  t.equal((await session.post(publish, {})).statusCode, 403, 'no CSRF token');

  const refused = await session.post(publish, { _csrf: csrfOf(page.body) });
  t.equal(refused.statusCode, 409);
  t.match(refused.body, /Hay unidades sin aprobar en el período: marque/);
  t.match(refused.body, /UNAPPROVED_UNITS/);

  const first = await session.post(publish, { _csrf: csrfOf(page.body), allowUnapprovedUnits: 'on' });
  t.equal(first.statusCode, 303);
  page = await session.get(String(first.headers.location));
  t.match(page.body, /Edición 1 publicada\./);
  t.match(page.body, /data-edition="1"/);
  t.match(page.body, /Marta &lt;b&gt;Ruiz&lt;\/b&gt;/, 'the publisher by label, escaped');
  t.match(page.body, /CONT, DIV, DNGF, DSP|DIV/, 'the unapproved units named');
  const position = /data-edition="1">[\s\S]*?<code>([^<]+)<\/code>/.exec(page.body)?.[1] ?? '';
  t.match(page.body, new RegExp(`overview\\?asOf=${position.replace(':', '%3A')}&amp;period=2021-Q1`), '"as of this edition" sets asOf to its position');

  await h.asAdmin({ method: 'PUT', url: `/v1/plans/${planId}/indicators/IN-DNGF/results/2021-M01`, payload: { value: '80' } });
  await h.caughtUp();
  const noReason = await session.post(publish, { _csrf: csrfOf(page.body), allowUnapprovedUnits: 'on' });
  t.equal(noReason.statusCode, 422);
  t.match(noReason.body, /Una nueva edición necesita el motivo/);
  const second = await session.post(publish, { _csrf: csrfOf(page.body), allowUnapprovedUnits: 'on', reason: HOSTILE });
  t.equal(second.statusCode, 303);
  page = await session.get(String(second.headers.location));
  t.match(page.body, /data-edition="2"/);
  t.notMatch(page.body, /<script>alert|<img src=x/);
  t.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;img/);

  const edition = await session.get(`/app/plans/${planId}/editions/2021-Q1/1?against=2`);
  t.equal(edition.statusCode, 200);
  t.match(edition.body, /Diferencia: Edición 1 → Edición 2/);
  t.match(edition.body, /data-indicator="IN-DNGF"/);
  t.match(edition.body, /ResultReported/, 'the causing event');
  const now = await session.get(`/app/plans/${planId}/editions/2021-Q1/2`);
  t.match(now.body, /Ningún indicador cambió/, 'edition 2 is what is now');
});

tap.test('other roles read the editions without the form; a forged publication is refused', async (t) => {
  const reporter = await signIn(app, tokens.reporter.token);
  const page = await reporter.get(list);
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, /data-testid="publish-form"/);
  t.equal((await reporter.post(publish, { _csrf: csrfOf(page.body), allowUnapprovedUnits: 'on', reason: 'x' })).statusCode, 403);
  const auditor = await signIn(app, tokens.auditor.token);
  t.equal((await auditor.get(`/app/plans/${planId}/editions/2021-Q1/1`)).statusCode, 200);
  t.equal((await auditor.get(`/app/plans/${planId}/editions/2021-Q1/9`)).statusCode, 404);
});

tap.test('downloads: the report in HTML and XLSX, public, English, as of an edition; the template and the export', async (t) => {
  const session = await signIn(app, tokens.auditor.token);
  const page = await session.get(list);
  t.match(page.body, /downloads\/2021-Q1\/report\?format=pdf&amp;version=public&amp;lang=en/);
  const base = `/app/plans/${planId}/downloads/2021-Q1`;
  const report = await session.get(`${base}/report?format=html&version=public&lang=en`);
  t.equal(report.statusCode, 200);
  t.match(report.headers['content-type'], /text\/html/);
  t.match(String(report.headers['content-disposition']), /attachment/);
  const edition = /data-edition="1">[\s\S]*?<code>([^<]+)<\/code>/.exec(page.body)?.[1] ?? '';
  const asOfEdition = await session.get(`${base}/report?format=xlsx&asOf=${edition}`);
  t.equal(asOfEdition.statusCode, 200);
  t.equal(asOfEdition.headers['x-log-position'], edition, "the edition's report is the report at its position");
  const template = await session.get(`${base}/template?lang=es`);
  t.equal(template.statusCode, 200);
  t.match(template.headers['content-type'], /spreadsheetml/);
  t.equal((await session.get(`${base}/export`)).statusCode, 200);
  t.equal((await session.get(`${base}/report?format=doc`)).statusCode, 400);
});
