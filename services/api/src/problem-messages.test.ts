import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DOMAIN_ERROR_CODES } from '@semaforo/domain';
import { HTTP_PROBLEM_CODES, HTTP_PROBLEM_MESSAGES, localizedDetail, type ProblemMessage } from '@semaforo/http';
import { PROJECTOR_ERROR_CODES } from '@semaforo/projector';
import { findRepoRoot } from '@semaforo/runtime';
import t from 'tap';
import { problemMappings } from './problem-mappings.js';
import { fieldMessages, problemMessages } from './problem-messages.js';
import { routeHarness } from './testing/route-test-harness.js';

const ROOT = findRepoRoot();
const CODE_LITERAL = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g;
/** A file that raises or maps problems: every code-like literal in it is a code the product can answer. */
const RAISES = /new HttpProblem\(|ProblemMapping|problemFromError|errorClasses/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.includes('/testing/') ? [path] : [];
  });
}

/**
 * Every code the product can answer, read from the code: the domain's and
 * the projector's code lists, this package's mappings, and every code-like
 * literal of each source file that raises or maps a problem (so a route
 * added tomorrow with `new HttpProblem(…, 'NEW_CODE', …)` is in the list).
 */
function answerableCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const code of DOMAIN_ERROR_CODES) codes.set(code, 'DOMAIN_ERROR_CODES');
  for (const code of PROJECTOR_ERROR_CODES) codes.set(code, 'PROJECTOR_ERROR_CODES');
  for (const code of HTTP_PROBLEM_CODES) codes.set(code, 'HTTP_PROBLEM_CODES');
  for (const code of Object.keys(problemMappings.codes ?? {})) codes.set(code, 'problem-mappings.ts');
  for (const [, mapping] of problemMappings.errorClasses ?? []) if (mapping.code !== undefined) codes.set(mapping.code, 'problem-mappings.ts');
  for (const top of ['packages', 'services', 'projections']) {
    for (const file of sourceFiles(join(ROOT, top))) {
      const text = readFileSync(file, 'utf8');
      if (!RAISES.test(text)) continue;
      for (const [, code] of text.matchAll(CODE_LITERAL)) codes.set(code!, relative(ROOT, file));
    }
  }
  return codes;
}

const messages: Readonly<Record<string, ProblemMessage>> = { ...HTTP_PROBLEM_MESSAGES, ...problemMessages };

t.test('every code the product can answer has its title and detail in Spanish and in English', async (t) => {
  const codes = answerableCodes();
  t.ok(codes.size > 60, `the codes were found (${codes.size})`);
  for (const [code, where] of codes) {
    const message = messages[code];
    if (message === undefined) {
      t.fail(`${code} (from ${where}) has no entry in services/api/src/problem-messages.ts`);
      continue;
    }
    t.ok(message.title.es.length > 0 && message.title.en.length > 0, `${code}: a title in both languages`);
    // With no facts at all, some template still answers: a code raised bare elsewhere still reads in Spanish.
    const bare = localizedDetail(messages, code, 'es', { message: 'English text' });
    const anyTemplate = bare ?? localizedDetail(messages, code, 'es', new Proxy({}, { get: () => 'x' }));
    t.ok(anyTemplate !== undefined && anyTemplate !== 'English text', `${code}: a Spanish detail`);
  }
});

t.test('the templates interpolate the facts of the occurrence', async (t) => {
  t.equal(
    localizedDetail(messages, 'PLAN_NOT_FOUND', 'es', { planId: 'upisss-2031' }),
    'No hay un plan upisss-2031. Ábralo con POST /v1/plans.',
    'the most specific template the facts fill',
  );
  t.equal(localizedDetail(messages, 'PLAN_NOT_FOUND', 'es', { planId: 'x-2021', position: '5:1' }), 'No hay un plan x-2021 en la posición 5:1.');
  t.equal(localizedDetail(messages, 'PLAN_NOT_FOUND', 'en', {}), 'There is no such plan.');
  t.equal(
    localizedDetail(messages, 'OUTSIDE_ASSIGNED_UNITS', 'es', { code: 'IE-1', unit: 'DSP', units: ['DNGF', 'DIR'] }),
    'El indicador IE-1 pertenece a la unidad DSP, que no es una de las unidades de este token (DNGF, DIR) ni está debajo de una de ellas.',
    'lists are joined',
  );
});

t.test('the schemas’ own messages have their Spanish', async (t) => {
  for (const [english] of fieldMessages) t.ok(typeof english === 'string' ? english.length > 0 : english.source.length > 0);
  t.ok(fieldMessages.length >= 15);
});

t.test('over HTTP: Spanish unless the client prefers English; the code never changes', async (t) => {
  const { app, rejects, newPlan, givenIndicator } = await routeHarness(t);
  const plan = newPlan();

  const spanish = await rejects(t, plan.stream, { method: 'GET', url: `${plan.url}` }, { status: 404, code: 'PLAN_NOT_FOUND' });
  t.match(spanish.json(), { title: 'Plan no encontrado', detail: `No hay un plan ${plan.id}. Ábralo con POST /v1/plans.`, details: { planId: plan.id } });
  t.equal(spanish.headers['content-language'], 'es', 'no Accept-Language: Spanish');

  const english = await app.inject({ method: 'GET', url: plan.url, headers: { 'accept-language': 'en-US,en;q=0.9' } });
  t.match(english.json(), { code: 'PLAN_NOT_FOUND', title: 'Plan not found', detail: `There is no plan ${plan.id}. Open it with POST /v1/plans.` });
  t.equal(english.headers['content-language'], 'en');

  const unknownRoute = await app.inject({ method: 'GET', url: '/v1/nothing-here' });
  t.match(unknownRoute.json(), { code: 'NOT_FOUND', detail: 'Ninguna ruta corresponde a GET /v1/nothing-here. Revise el método y la ruta.' });

  const indicator = await givenIndicator();
  const badPeriod = await app.inject({ method: 'PUT', url: `${indicator.url}/targets/2021-Q9`, payload: { value: '5' } });
  t.match(badPeriod.json(), { title: 'La solicitud tiene campos no válidos', detail: /^Un campo no es válido; vea en `errors`/ });
  t.match(badPeriod.json(), { errors: [{ path: 'params.period', message: /^debe ser un período/ }] }, 'a schema’s own message, translated');

  const invalid = await app.inject({ method: 'PUT', url: `${indicator.url}/targets/2021-Q1`, payload: { value: true, reason: ' ' } });
  t.equal(invalid.statusCode, 400);
  const problem = invalid.json<{ detail: string; errors: Array<{ path: string; message: string }> }>();
  t.match(problem.detail, /^2 campos no son válidos; vea en `errors`/);
  const byPath = Object.fromEntries(problem.errors.map((error) => [error.path, error.message]));
  t.equal(byPath['body.reason'], 'no debe estar vacío ni tener solo espacios');
  t.equal(byPath['body.value'], 'se esperaba un texto', 'zod’s own message, translated');
  t.notMatch(Object.values(byPath).join(' '), /Invalid|expected|must/, 'no English left in the field messages');

  const inEnglish = await app.inject({
    method: 'PUT',
    url: `${indicator.url}/targets/2021-Q9`,
    headers: { 'accept-language': 'en' },
    payload: { value: '5' },
  });
  t.match(inEnglish.json<{ errors: Array<{ message: string }> }>().errors[0]?.message, /^must be a period/);
});
