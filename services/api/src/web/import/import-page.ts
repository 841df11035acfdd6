import { randomUUID } from 'node:crypto';
import { HttpProblem } from '@semaforo/http';
import { countImportRows, fileDigest, runImport, type ImportFormat, type ImportSummary } from '@semaforo/importer';
import type { FastifyPluginAsync } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import { IMPORT_BODY_LIMIT_BYTES, IMPORT_JOB_ROWS } from '../../routes/imports/import-file.js';
import { importQuerySchema } from '../../routes/imports/import-schemas.js';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { pageContext, type PageContext } from '../page-context.js';
import { pageParams } from '../plan-period.js';
import { sendPage } from '../send-page.js';
import { readMultipart } from './multipart.js';

/** What the multipart parser hands the handler (and the CSRF check, which reads `_csrf`). */
interface ImportForm {
  readonly _csrf?: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly file: { readonly name: string; readonly bytes: Buffer } | undefined;
}

const formatOf = (name: string): ImportFormat | undefined => (/\.xlsx$/i.test(name) ? 'xlsx' : /\.csv$/i.test(name) ? 'csv' : undefined);

/**
 * GET /app/plans/{planId}/import: the upload form. POST: the file through
 * the importer as `POST …/imports?dryRun=true` decides it (nothing
 * appended), with the summary, the conflicts grouped and the evaluation
 * effect; then a confirm form that carries the same bytes back (base64, in
 * the form: no server-side copy to keep or clean up) with their digest,
 * and imports them only if they are still the file the dry run showed.
 */
export const importPages: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES * 2 }, (request, body, done) => {
    const parts = readMultipart(body as Buffer, String(request.headers['content-type']));
    if (parts === null) return done(new HttpProblem(400, 'VALIDATION_FAILED', 'The form is not well-formed multipart/form-data.'), undefined);
    const fields: Record<string, string> = {};
    let file: ImportForm['file'];
    for (const part of parts) {
      if (part.fileName !== undefined) {
        if (part.bytes.length > 0) file = { name: part.fileName, bytes: part.bytes };
      } else fields[part.name] = part.bytes.toString('utf8');
    }
    const form: ImportForm = { ...(fields['_csrf'] === undefined ? {} : { _csrf: fields['_csrf'] }), fields, file };
    return done(null, form);
  });

  app.get('/app/plans/:planId/import', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    return sendPage(reply, pageLayout(context, { title: context.labels.imports.title, body: uploadForm(context, planId), planId }));
  });

  app.post('/app/plans/:planId/import', { schema: { hide: true }, bodyLimit: IMPORT_BODY_LIMIT_BYTES * 2 }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const l = context.labels.imports;
    if (context.asOf !== undefined) throw new HttpProblem(409, 'READ_ONLY_PAST', 'A page shown as of a past moment takes no changes. Go back to the present.');
    const form = request.body as ImportForm | undefined;
    if (form === undefined || !('fields' in form)) throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file with the form.');
    const confirm = form.fields['confirm'] === '1';
    const name = confirm ? (form.fields['fileName'] ?? '') : (form.file?.name ?? '');
    const bytes = confirm ? Buffer.from(form.fields['content'] ?? '', 'base64') : form.file?.bytes;
    const format = formatOf(name);
    if (bytes === undefined || bytes.length === 0 || format === undefined) {
      const notice = html`<p class="notice error" role="alert">${l.chooseFile}</p>`;
      return sendPage(reply.code(400), pageLayout(context, { title: l.title, body: html`${notice}${uploadForm(context, planId)}`, planId }));
    }
    if (confirm && fileDigest(bytes) !== form.fields['digest'])
      throw new HttpProblem(409, 'IMPORT_FILE_CHANGED', 'The file is not the one the dry run showed. Try it again.');
    const options = { ...importQuerySchema.parse({ dryRun: confirm ? 'false' : 'true' }), planId, language: context.lang };
    const { lang: _lang, reason: _reason, ...importOptions } = options;
    const principal = principalOf(request);
    const actor = { id: principal.tokenId, role: principal.role, units: principal.units };
    const recordedAt = app.commandMetadata(request).recordedAt;
    if (confirm && (await countImportRows(bytes, format)) > IMPORT_JOB_ROWS) {
      const jobId = randomUUID();
      await app.importJobs.submit({ jobId, format, options: importOptions, actor, requestId: request.id, recordedAt, bytes });
      const body = html`<p class="notice ok" role="status" data-testid="import-job">${l.job(jobId)}</p>`;
      return sendPage(reply.code(202), pageLayout(context, { title: l.title, body, planId }));
    }
    const summary = await runImport(
      { writeSide: app.writeSide, store: app.store },
      { bytes, format, options: importOptions, actor, requestId: request.id, recordedAt },
    );
    const body = html`${summaryOf(context, summary)}
    ${
      confirm || summary.conflictCount > 0
        ? uploadForm(context, planId)
        : html`<form method="post" action="/app/plans/${planId}/import" enctype="multipart/form-data" data-testid="confirm-form">
            <input type="hidden" name="_csrf" value="${context.csrf}" />
            <input type="hidden" name="confirm" value="1" />
            <input type="hidden" name="fileName" value="${name}" />
            <input type="hidden" name="digest" value="${summary.file.digest}" />
            <input type="hidden" name="content" value="${bytes.toString('base64')}" />
            <button type="submit" class="primary">${l.confirm(name)}</button>
          </form>`
    }`;
    return sendPage(reply.code(summary.status === 'refused' ? 422 : 200), pageLayout(context, { title: l.title, body, planId }));
  });
};

function uploadForm(context: PageContext, planId: string): Html {
  const l = context.labels.imports;
  return html`<form method="post" action="/app/plans/${planId}/import" enctype="multipart/form-data" data-testid="upload-form">
    <input type="hidden" name="_csrf" value="${context.csrf}" />
    <div><label for="file">${l.file}</label><input id="file" type="file" name="file" accept=".csv,.xlsx" /></div>
    <p class="muted">${l.hint}</p>
    <button type="submit" class="primary">${l.dryRun}</button>
  </form>`;
}

function summaryOf(context: PageContext, summary: ImportSummary): Html {
  const l = context.labels.imports;
  const effect = summary.evaluationEffect;
  return html`<section data-testid="import-summary" aria-labelledby="summary">
    <h2 id="summary">${l.status[summary.status]}</h2>
    <p>
      <span class="pill">${l.rows}: <strong>${summary.file.rows}</strong></span>
      <span class="pill">${l.created}: <strong>${summary.counts.created}</strong></span>
      <span class="pill">${l.updated}: <strong>${summary.counts.updated}</strong></span>
      <span class="pill">${l.ignored}: <strong>${summary.counts.ignored}</strong></span>
      <span class="pill">${l.refused}: <strong>${summary.counts.refused}</strong></span>
    </p>
    <p class="muted">SHA-256: <span class="hash">${summary.file.digest}</span></p>
    ${
      summary.conflictGroups.length === 0
        ? ''
        : html`<h3>${l.conflicts(summary.conflictCount)}</h3>
            <div class="table-wrap">
              <table data-testid="conflicts">
                <thead>
                  <tr>
                    <th scope="col">${l.sheet}</th>
                    <th scope="col">${l.row}</th>
                    <th scope="col">${l.column}</th>
                    <th scope="col">${l.cell}</th>
                    <th scope="col">${l.message}</th>
                  </tr>
                </thead>
                <tbody>
                  ${summary.conflicts.map(
                    (c) =>
                      html`<tr>
                        <td>${c.sheet === '' ? 'CSV' : c.sheet}</td>
                        <td class="num">${c.row}</td>
                        <td>${c.column}</td>
                        <td><code>${c.cell}</code></td>
                        <td>${c.message} <span class="muted">${c.code}</span></td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <ul>
              ${summary.conflictGroups.map((g) => html`<li>${g.sheet === '' ? 'CSV' : g.sheet}: ${g.message} (${l.rowsList} ${g.rows.join(', ')})</li>`)}
            </ul>`
    }
    ${
      effect === undefined || effect === null
        ? ''
        : html`<h3>${l.effect(effect.period)}</h3>
            ${
              effect.changes.length === 0
                ? html`<p>${l.noEffect}</p>`
                : html`<ul data-testid="evaluation-effect">
                    ${effect.changes.map(
                      (c) =>
                        html`<li>
                          <strong>${c.code}</strong> ${c.name}: ${c.before === null ? '—' : context.labels.status[c.before]} → ${context.labels.status[c.after]}
                        </li>`,
                    )}
                  </ul>`
            }`
    }
  </section>`;
}
