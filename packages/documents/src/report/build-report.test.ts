import t from 'tap';
import { LABELS } from '../labels.js';
import { DEFAULT_NUMBER_FORMAT, type NumberFormat } from '@semaforo/domain';
import { formatNumber, formatPercentText } from './number-format.js';

const point = DEFAULT_NUMBER_FORMAT;
const comma: NumberFormat = { ...DEFAULT_NUMBER_FORMAT, decimalSeparator: ',', thousandsSeparator: '.' };
import { reportPlanEvaluation, reportPlanModel } from './report-plan.fixture.js';

t.test('numbers are written in the plan’s format, exactly as computed', async (t) => {
  t.equal(formatNumber('1219', point), '1,219');
  t.equal(formatNumber('1219', comma), '1.219');
  t.equal(formatNumber('-375123611', point), '-375,123,611');
  t.equal(formatNumber('0.5', comma), '0,5');
  t.equal(formatNumber('1234567.125', point), '1,234,567.125', 'every digit of a decimal kept');
  t.equal(formatNumber('26/3', point, 2), '8.67', 'an exact fraction rounded half-up');
  t.equal(formatNumber('5/2', point, 0), '3', 'a tie away from zero');
  t.equal(formatNumber('n/a', point), 'n/a', 'text that is no number is left alone');
  t.equal(formatPercentText('99.6', point), '99.6%');
  t.equal(formatPercentText('99.6', comma), '99,6%');
});

t.test('the counts sentence agrees with its numbers, in both languages', async (t) => {
  const es = LABELS.es.report.countsSentence;
  const en = LABELS.en.report.countsSentence;
  const parts = [
    { status: 'good', count: 7, share: '77.8%' },
    { status: 'regular', count: 2, share: '22.2%' },
  ] as const;
  t.equal(
    es({ perspective: 'Financiera', planned: 10, evaluated: 9, notReported: 0, parts }),
    'La perspectiva Financiera planificó 10 indicadores, de los cuales se evaluaron 9; el 77.8% (7) obtuvo resultados buenos y el 22.2% (2) regulares.',
  );
  t.equal(
    en({ perspective: 'Financiera', planned: 10, evaluated: 9, notReported: 0, parts }),
    'The Financiera perspective planned 10 indicators, of which 9 were evaluated; 77.8% (7) obtained good results and 22.2% (2) regular ones.',
  );
  const one = [{ status: 'critical', count: 1, share: '100.0%' }] as const;
  t.equal(
    es({ perspective: 'Financiera', planned: 1, evaluated: 1, notReported: 0, parts: one }),
    'La perspectiva Financiera planificó 1 indicador, que se evaluó; el 100.0% (1) obtuvo resultados críticos.',
  );
  t.equal(
    en({ perspective: 'Financiera', planned: 1, evaluated: 1, notReported: 0, parts: one }),
    'The Financiera perspective planned 1 indicator, which was evaluated; 100.0% (1) obtained critical results.',
  );
  t.equal(
    es({ perspective: 'Financiera', planned: 3, evaluated: 1, notReported: 2, parts: one }),
    'La perspectiva Financiera planificó 3 indicadores, de los cuales se evaluó 1; el 100.0% (1) obtuvo resultados críticos. 2 indicadores exigibles no reportaron resultado.',
  );
  t.equal(
    en({ perspective: 'Financiera', planned: 2, evaluated: 0, notReported: 1, parts: [] }),
    'The Financiera perspective planned 2 indicators, none of which was evaluated. 1 due indicator reported no result.',
  );
  const three = [
    { status: 'good', count: 1, share: '33.3%' },
    { status: 'regular', count: 1, share: '33.3%' },
    { status: 'critical', count: 1, share: '33.3%' },
  ] as const;
  t.match(es({ perspective: 'X', planned: 3, evaluated: 3, notReported: 0, parts: three }), /buenos, el 33\.3% \(1\) regulares y el 33\.3% \(1\) críticos\.$/);
});

t.test('the small plan’s report: every table row is the evaluation’s row, every section in plan order', async (t) => {
  const { evaluation, digest } = reportPlanEvaluation();
  for (const language of ['es', 'en'] as const) {
    const model = reportPlanModel(language);
    t.equal(model.digest, digest);
    t.same(
      model.sections.map((s) => s.kind),
      ['result', 'production'],
      'result indicators first',
    );
    const rows = model.sections.flatMap((s) => s.perspectives.flatMap((p) => p.tables.flatMap((table) => table.rows)));
    t.same(rows.map((r) => r.code).sort(), evaluation.indicators.map((r) => r.code).sort(), 'every indicator in exactly one table');
    for (const row of rows) {
      const expected = evaluation.indicators.find((r) => r.code === row.code)!;
      t.equal(row.status.word, LABELS[language].status[expected.status], `${row.code}: status word`);
      t.equal(row.compliance, expected.compliance === null ? '—' : `${expected.compliance.display}%`, `${row.code}: compliance as displayed`);
    }
    t.same(
      model.closing.table.rows.map((r) => r.slice(1)),
      evaluation.closingTable.map((r) => [String(r.measured), String(r.reachedTarget), r.goodShare === null ? '—' : `${r.goodShare.display}%`]),
      'closing table',
    );
  }
  const es = reportPlanModel('es');
  t.equal(es.cover.periodInWords, 'Abril – junio 2023');
  t.equal(reportPlanModel('en').cover.periodInWords, 'April – June 2023');
  t.match(es.sections[0]!.perspectives[0]!.tables[0]!.header, ['Código', 'Indicador', 'Periodicidad', 'Meta enero–junio', 'Resultado enero–junio']);
  t.same(
    es.methodology.scale.map((s) => s.text),
    ['Crítico: cumplimiento menor que 85%.', 'Regular: cumplimiento desde 85% hasta 99%, inclusive.', 'Bueno: cumplimiento mayor que 99%.'],
    'the plan’s own scale',
  );
  t.same(
    es.criticalWithout.entries.map((e) => e.code),
    ['PR-UFI-01'],
  );
  t.same(
    es.critical.entries.map((e) => [e.code, e.justifications[0]!.actions.length]),
    [['PR-DAPU-01', 2]],
  );
  const interpretations = es.sections.flatMap((s) => s.perspectives.flatMap((p) => p.interpretations.map((i) => i.code)));
  t.same(interpretations, ['IE-DAPU-02', 'PR-DAPU-01', 'PR-DIR-01'], 'the justifications written for the window, each under its indicator');
  const texts = [
    ...es.sections.flatMap((s) => s.perspectives.flatMap((p) => p.interpretations.map((i) => i.text))),
    ...es.critical.entries.flatMap((e) => e.justifications.flatMap((j) => [j.text, ...j.actions.flatMap((a) => [a.action, a.owner])])),
  ];
  t.ok(
    texts.every((text) => !text.reserved),
    'nothing is reserved until the events can say so',
  );
});

t.test('the same inputs give the same model', async (t) => {
  t.equal(JSON.stringify(reportPlanModel('es')), JSON.stringify(reportPlanModel('es')));
});
