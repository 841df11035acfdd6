import t from 'tap';
import { attachmentDisposition, documentFileName } from './file-name.js';

t.test('a document is named by its kind, in its language, and what it is of', async (t) => {
  const evaluation = { kind: 'evaluation', planId: 'upisss-2021', period: '2021-Q2' } as const;
  t.equal(documentFileName(evaluation, 'es'), 'evaluacion-upisss-2021-2021-Q2.csv');
  t.equal(documentFileName(evaluation, 'en'), 'evaluation-upisss-2021-2021-Q2.csv');
  t.equal(documentFileName({ ...evaluation, kind: 'summary' }, 'es'), 'resumen-upisss-2021-2021-Q2.csv');
  t.equal(documentFileName({ ...evaluation, kind: 'summary' }, 'en'), 'summary-upisss-2021-2021-Q2.csv');
  t.equal(documentFileName({ kind: 'target-history', planId: 'upisss-2021', code: 'IE-DSP-01' }, 'es'), 'historial-metas-IE-DSP-01-upisss-2021.csv');
  t.equal(
    documentFileName({ kind: 'result-history', planId: 'upisss-2021', code: 'IE-DSP-01', period: '2021-Q2' }, 'en'),
    'result-history-IE-DSP-01-upisss-2021-2021-Q2.csv',
    'a history of one period says so',
  );
  t.equal(documentFileName({ kind: 'audit', planId: 'upisss-2021' }, 'es'), 'auditoria-upisss-2021.csv');
  t.equal(documentFileName({ kind: 'audit', planId: 'upisss-2021' }, 'en', 'xlsx'), 'audit-upisss-2021.xlsx', 'another format, the same name');
  t.equal(documentFileName({ kind: 'template', planId: 'upisss-2021' }, 'es', 'xlsx'), 'plantilla-upisss-2021.xlsx');
  t.equal(
    documentFileName({ kind: 'template', planId: 'upisss-2021', unit: 'DSP', sheet: 'Metas' }, 'es'),
    'plantilla-upisss-2021-DSP-metas.csv',
    'one unit, one sheet',
  );
  t.equal(documentFileName({ kind: 'export', planId: 'upisss-2021', sheet: 'Results' }, 'en'), 'export-upisss-2021-results.csv');
  t.equal(documentFileName({ kind: 'export', planId: 'upisss-2021' }, 'es', 'xlsx'), 'exportacion-upisss-2021.xlsx');
});

t.test('Content-Disposition: an attachment, with an ASCII name and the exact one in UTF-8 (RFC 5987)', async (t) => {
  t.equal(
    attachmentDisposition('evaluacion-upisss-2021-2021-Q2.csv'),
    `attachment; filename="evaluacion-upisss-2021-2021-Q2.csv"; filename*=UTF-8''evaluacion-upisss-2021-2021-Q2.csv`,
  );
  t.equal(
    attachmentDisposition('evaluación año "1" (final)*.csv'),
    `attachment; filename="evaluacion-ano--1---final--.csv"; filename*=UTF-8''evaluaci%C3%B3n%20a%C3%B1o%20%221%22%20%28final%29%2A.csv`,
    'accents dropped, quotes and spaces never reach the quoted name',
  );
});
