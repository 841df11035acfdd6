/**
 * The story in a real browser: Debian's Chromium driven by
 * playwright-core (no browser download) against the app listening on real
 * HTTP. Screenshots of each main page at 1366×768 and 390×844 go to
 * services/api/test-output/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import tap from 'tap';
import { tokenFor } from '../testing/auth.js';
import { webHarness } from '../testing/web-harness.js';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  // CI installs it (infra/install-test-packages.sh); elsewhere say so loudly rather than fail on a missing package.
  if (process.env['CI'] === 'true') throw new Error(`${CHROMIUM} is missing: run infra/install-test-packages.sh`);
  tap.comment(`SKIPPED: ${CHROMIUM} is not installed (bash infra/install-test-packages.sh)`);
  process.exit(0);
}

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../test-output/screenshots');
mkdirSync(SHOTS, { recursive: true });

const h = await webHarness(tap);
const { app, planId, tokens } = h;
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
tap.teardown(() => browser.close());

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, viewport] of [
    ['desktop', { width: 1366, height: 768 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${address}/`);
  await page.getByLabel('Token de acceso').fill(token);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(/\/app$/);
}

tap.test('the story: sign in, overview, a month of results, a correction, a justification, time travel, sign out', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') blocked.push(message.text());
  });

  await page.goto(`${address}/`);
  t.match(page.url(), /\/app(\/sign-in)?/, '/ leads to the web app');
  await shoot(page, 'sign-in');
  await signIn(page, tokens.reporter.token);
  const who = page.getByTestId('who');
  t.match(await who.innerText(), /Ana Pérez \(Gestión Financiera\)/);
  t.match(await who.innerText(), /registro de resultados/);
  t.match(await who.innerText(), /upisss/);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'smf_session');
  t.equal(session?.httpOnly, true, 'the session cookie is HttpOnly');
  t.equal(session?.sameSite, 'Strict');
  t.equal(
    await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie.includes('smf_session')),
    false,
    'no script can read it',
  );

  await page.getByRole('link', { name: 'PAT 2021 upisss' }).click();
  await page.getByLabel('Período').selectOption('2021-Q1');
  await page.getByRole('button', { name: 'Filtrar' }).click();
  t.match(await page.getByTestId('status-not-reported').innerText(), /IN-DNGF/, 'nothing reported yet');
  await shoot(page, 'overview-before');

  // A month of results for the unit (and the units below it).
  await page.goto(`${address}/app/plans/${planId}/entry`);
  await page.getByLabel('Unidad').selectOption('DNGF');
  await page.getByLabel('Mes').selectOption('2021-M01');
  await page.getByRole('button', { name: 'Abrir formulario' }).click();
  await page.locator('[name="value.IN-DNGF"]').fill('50');
  await page.locator('[name="value.IN-CONT"]').fill('100');
  await page.getByRole('button', { name: 'Guardar' }).click();
  t.match(await page.getByTestId('saved').innerText(), /2 cambios/);
  t.equal(await page.getByTestId('current-IN-DNGF').innerText(), '50');
  await h.caughtUp();
  await page.reload();
  t.match(await page.getByTestId('row-IN-DNGF').innerText(), /Crítico/, 'the evaluation of the month says critical');
  await shoot(page, 'data-entry');

  // Before the correction: a moment to travel back to (an instant the projector's watermark precedes).
  const before = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
  await sleep(before.getTime() - Date.now() + 50);

  // A correction without a reason is refused in Spanish next to the field; with one it is saved.
  await page.locator('[name="value.IN-DNGF"]').fill('100');
  await page.getByRole('button', { name: 'Guardar' }).click();
  t.match(await page.locator('#err-reason-IN-DNGF').innerText(), /escriba el motivo/);
  await page.locator('[name="reason.IN-DNGF"]').fill('Error de digitación');
  await page.getByRole('button', { name: 'Guardar' }).click();
  t.equal(await page.getByTestId('current-IN-DNGF').innerText(), '100');

  // A justification for the critical one, with its text escaped on the indicator page.
  await page.locator('[name="value.IN-CONT"]').fill('40');
  await page.locator('[name="reason.IN-CONT"]').fill('Dato revisado');
  await page.getByTestId('row-IN-CONT').locator('summary').click();
  const hostile = '<script>alert(1)</script> "><img src=x onerror=alert(2)>';
  await page.locator('[name="text.IN-CONT"]').fill(hostile);
  await page.locator('[name="action.IN-CONT"]').fill('Reforzar el equipo');
  await page.locator('[name="owner.IN-CONT"]').fill('Jefatura de Contabilidad');
  await page.locator('[name="dueDate.IN-CONT"]').fill('2021-05-31');
  await page.getByRole('button', { name: 'Guardar' }).click();
  t.match(await page.getByTestId('saved').innerText(), /2 cambios/);
  // The month is complete: the unit submits it for approval (sign-off), from the same page.
  await page.getByLabel('Comentario (opcional)').fill('Enero completo');
  await page.getByRole('button', { name: 'Enviar el período para aprobación' }).click();
  t.equal(await page.getByTestId('sign-off-status').innerText(), 'Enviado para aprobación');
  await h.caughtUp();

  await page.goto(`${address}/app/plans/${planId}/overview?period=2021-M01`);
  t.match(await page.getByTestId('status-good').innerText(), /IN-DNGF/, 'after the correction the evaluation changed: IN-DNGF is good');
  t.match(await page.getByTestId('status-critical').innerText(), /IN-CONT/);
  await shoot(page, 'overview-after');

  await page.goto(`${address}/app/plans/${planId}/indicators/IN-CONT`);
  const justifications = page.getByTestId('justifications');
  t.match(await justifications.innerText(), /<script>alert\(1\)<\/script> "><img src=x onerror=alert\(2\)>/, 'rendered as text');
  t.equal(await page.locator('img').count(), 0, 'no image was injected');
  await shoot(page, 'indicator');

  // Time travel: the picker, then the old numbers, with the banner saying so; links keep it.
  await page.goto(`${address}/app/plans/${planId}/overview?period=2021-M01`);
  await page.locator('#as-of').fill(before.toISOString().slice(0, 19));
  await page.getByRole('button', { name: 'Viajar' }).click();
  t.match(await page.getByTestId('as-of-banner').innerText(), /tal como se conocía/);
  t.match(await page.getByTestId('status-critical').innerText(), /IN-DNGF/, 'before the correction IN-DNGF was critical');
  await shoot(page, 'overview-past');
  await page.getByRole('link', { name: 'IN-DNGF' }).first().click();
  t.match(page.url(), /asOf=/, 'links keep the moment');
  t.match(await page.getByTestId('periods').innerText(), /2021-M01\s+100\s+50/, 'the old result');
  await page.getByRole('link', { name: 'Volver al presente' }).click();
  t.match(await page.getByTestId('periods').innerText(), /2021-M01.*\s+100\s+100/, 'the present again');

  // English with one click.
  await page.getByRole('link', { name: 'English' }).click();
  t.match(await page.getByTestId('who').innerText(), /Signed in as/);
  await page.getByRole('link', { name: 'Español' }).click();

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  t.match(await page.locator('main').innerText(), /Sesión cerrada/);
  await page.goto(`${address}/app/plans/${planId}/overview`);
  t.match(await page.locator('main').innerText(), /Inicie sesión/, 'signed out: pages ask to sign in again');
  t.same(
    blocked.filter((m) => /Content Security Policy/.test(m)),
    [],
    'nothing was blocked by the CSP',
  );
  await context.close();
});

tap.test("a reporter cannot reach another unit's form; a forged POST and a form without its CSRF token are refused", async (t) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, tokens.reporter.token);
  const other = await page.goto(`${address}/app/plans/${planId}/entry/DSP/2021-M01`);
  t.equal(other?.status(), 403);
  t.match(await page.locator('main').innerText(), /OUTSIDE_ASSIGNED_UNITS/);
  // A forged POST with the browser's own cookies (page scripts could not even try: the CSP has no connect-src).
  const forged = (
    await context.request.post(`${address}/app/plans/${planId}/entry/DSP/2021-M01`, {
      form: { 'version.OUT-DSP': '3', 'shown.OUT-DSP': '', 'value.OUT-DSP': '1' },
    })
  ).status();
  t.equal(forged, 403);
  await page.goto(`${address}/app/plans/${planId}/entry/DNGF/2021-M02`);
  await page
    .getByTestId('entry-form')
    .locator('input[name="_csrf"]')
    .evaluate((input) => input.remove());
  await page.locator('[name="value.IN-DNGF"]').fill('10');
  await page.getByRole('button', { name: 'Guardar' }).click();
  t.match(await page.locator('main').innerText(), /CSRF_TOKEN_INVALID/, 'a form without its CSRF token is refused');
  await context.close();

  const auditor = await browser.newContext();
  const auditPage = await auditor.newPage();
  await signIn(auditPage, tokens.auditor.token);
  await auditPage.goto(`${address}/app/plans/${planId}/audit`);
  t.match(await auditPage.getByTestId('audit-entries').innerText(), /Ana Pérez/, 'people by their token label');
  await shoot(auditPage, 'audit');
  await auditor.close();
});

tap.test('a planner approves units, publishes an edition, sees a correction as its difference, and downloads the report', async (t) => {
  const planner = await tokenFor(app, 'upisss', 'planner', { label: 'Marta Ruiz (Planificación)' });
  // The reporter submitted DNGF for January above; CONT, below it, is submitted too.
  await h.asAdmin({ method: 'POST', url: `/v1/plans/${planId}/periods/2021-M01/units/CONT/submission`, payload: {} });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, planner.token);

  await page.goto(`${address}/app/plans/${planId}/sign-off?period=2021-M01`);
  const dngf = page.locator('tr[data-unit="DNGF"]');
  await dngf.getByRole('button', { name: 'Aprobar' }).click();
  t.match(await page.getByTestId('sign-off-error').innerText(), /hay unidades dependientes sin aprobar/, 'the refusal, in Spanish, on the board');
  await page.locator('tr[data-unit="CONT"]').getByRole('button', { name: 'Aprobar' }).click();
  await page.locator('tr[data-unit="DNGF"]').getByRole('button', { name: 'Aprobar' }).click();
  t.match(await page.locator('tr[data-unit="DNGF"]').innerText(), /Aprobado/);
  t.match(await page.locator('tr[data-unit="DNGF"]').innerText(), /Marta Ruiz/);
  await shoot(page, 'sign-off');

  await h.caughtUp();
  await page.goto(`${address}/app/plans/${planId}/editions?period=2021-M01`);
  await page.getByLabel('Publicar aunque haya unidades sin aprobar').check();
  await page.getByRole('button', { name: 'Publicar' }).click();
  t.match(await page.locator('main').innerText(), /Edición 1 publicada/);
  t.match(await page.getByTestId('editions').innerText(), /DIV, DSP/, 'the units not approved are named');
  await shoot(page, 'editions');

  // A correction after the edition: the difference shows it, with the event that caused it.
  await h.asAdmin({ method: 'PUT', url: `/v1/plans/${planId}/indicators/OUT-DSP/results/2021-M01`, payload: { value: '90' } });
  await h.caughtUp();
  await page.getByRole('link', { name: 'Edición 1' }).click();
  t.match(await page.getByTestId('difference').innerText(), /OUT-DSP/);
  t.match(await page.getByTestId('difference').innerText(), /ResultReported/);
  await shoot(page, 'edition-difference');
  await page.getByRole('link', { name: 'Ver como en esta edición' }).first().click();
  t.match(await page.getByTestId('as-of-banner').innerText(), /tal como se conocía/, 'as of the edition, in the time-travel banner');
  await page.goBack();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'HTML' }).first().click()]);
  t.match(download.suggestedFilename(), /\.html$/, 'the report downloads');

  // A small CSV: tried first (nothing imported), then imported as it was shown.
  await page.goto(`${address}/app/plans/${planId}/import`);
  await page
    .getByLabel('Archivo CSV o XLSX')
    .setInputFiles({ name: 'resultados.csv', mimeType: 'text/csv', buffer: Buffer.from('Código,Período,Resultado\r\nOUT-DSP,2021-M02,95\r\n') });
  await page.getByRole('button', { name: 'Probar sin importar' }).click();
  t.match(await page.getByTestId('import-summary').innerText(), /Prueba: nada se importó todavía/);
  t.match(await page.getByTestId('evaluation-effect').innerText(), /OUT-DSP/);
  await shoot(page, 'import-dry-run');
  await page.getByRole('button', { name: 'Importar resultados.csv' }).click();
  t.match(await page.getByTestId('import-summary').innerText(), /Importado/);
  await context.close();
});
