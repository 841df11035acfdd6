import { indicatorStreamName } from '@semaforo/domain';
import tap from 'tap';
import { webHarness } from '../../testing/web-harness.js';
import { cookieHeader, csrfOf, HTML, signIn } from '../web-testing.js';

const h = await webHarness(tap);
const { app, planId, tokens } = h;
const url = `/app/plans/${planId}/import`;

/** A browser's multipart form: fields, then the file. */
function multipart(fields: Record<string, string>, file?: { name: string; text: string }) {
  const boundary = '----smfTestBoundary7MA4YWxk';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (file !== undefined)
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.text}\r\n`);
  return { payload: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

const post = (jar: Record<string, string>, body: ReturnType<typeof multipart>) =>
  app.inject({ method: 'POST', url, headers: { cookie: cookieHeader(jar), 'content-type': body.contentType, accept: HTML }, payload: body.payload });

tap.test('a dry run shows the summary, the conflicts by sheet/row/column (escaped) and the evaluation effect; confirming imports the same bytes', async (t) => {
  const session = await signIn(app, tokens.admin.token);
  const form = await session.get(url);
  t.equal(form.statusCode, 200);
  t.match(form.body, /enctype="multipart\/form-data"/);
  const csrf = csrfOf(form.body);

  t.equal((await post(session.jar, multipart({}, { name: 'r.csv', text: 'x' }))).statusCode, 403, 'no CSRF token');

  const bad = await post(
    session.jar,
    multipart({ _csrf: csrf }, { name: 'r.csv', text: 'Código,Período,Resultado\r\nIN-DNGF,2021-M01,<script>x</script>\r\n' }),
  );
  t.equal(bad.statusCode, 200);
  t.match(bad.body, /data-testid="conflicts"/);
  t.match(bad.body, /&lt;script&gt;x&lt;\/script&gt;/, 'the cell as text');
  t.notMatch(bad.body, /<script>x/);
  t.notMatch(bad.body, /data-testid="confirm-form"/, 'a file with conflicts cannot be confirmed');

  const good = await post(session.jar, multipart({ _csrf: csrf }, { name: 'r.csv', text: 'Código,Período,Resultado\r\nIN-DNGF,2021-M01,100\r\n' }));
  t.equal(good.statusCode, 200);
  t.match(good.body, /Prueba: nada se importó todavía/);
  t.match(good.body, /Nuevas: <strong>1<\/strong>/);
  t.match(good.body, /data-testid="evaluation-effect"[\s\S]*IN-DNGF/);
  const fields = Object.fromEntries([...good.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  const reported = async () => (await h.store.readStream(indicatorStreamName(planId, 'IN-DNGF'))).events.filter((e) => e.type === 'ResultReported').length;
  t.equal(await reported(), 0, 'the dry run appended nothing');

  const tampered = await post(
    session.jar,
    multipart({ ...fields, content: Buffer.from('Código,Período,Resultado\r\nIN-DNGF,2021-M01,1\r\n').toString('base64') }),
  );
  t.equal(tampered.statusCode, 409, 'only the bytes the dry run showed');

  const confirmed = await post(session.jar, multipart(fields));
  t.equal(confirmed.statusCode, 200);
  t.match(confirmed.body, /Importado/);
  t.equal(await reported(), 1, 'the confirmation imported the row');
});

tap.test('auditors have no import page; a reporter has', async (t) => {
  const auditor = await signIn(app, tokens.auditor.token);
  t.equal((await auditor.get(url)).statusCode, 403);
  const reporter = await signIn(app, tokens.reporter.token);
  t.equal((await reporter.get(url)).statusCode, 200);
});
