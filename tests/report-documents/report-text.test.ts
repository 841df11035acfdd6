import t, { type Test } from 'tap';
import { buildReport, LABELS, type DocumentLanguage, type ReportModel } from '@semaforo/documents';
import { evaluationDigest, formatPercent, INDICATOR_KINDS, rational, type Evaluation } from '@semaforo/domain';
import { benchPlan, htmlText, oneSpaced, pdfText, smallPlan, squeeze, type Sample } from './report-samples.js';

/*
 * What the documents say, read back from the files as a reader gets them (PDF through poppler's
 * pdftotext, HTML as text): every sentence's numbers are the evaluation's, every table row is the
 * evaluation's row, the closing table and the footer are there. Numbers are recounted here from
 * the evaluation's rows, not taken from the report model.
 */

const SENTENCE = {
  es: /La perspectiva ([^.:;·]+?) planificó (\d+) indicador(?:es)?, (?:de los cuales se evaluaron (\d+)|de los cuales se evaluó (1)|que se evaluó|que no se evaluó|de los cuales no se evaluó ninguno)(?:; (.*?))?\.(?=\s|$)/g,
  en: /The ([^.:;·]+?) perspective planned (\d+) indicators?, (?:of which (\d+) were evaluated|of which (1) was evaluated|which was evaluated|which was not evaluated|none of which was evaluated)(?:; (.*?))?\.(?=\s|$)/g,
} as const;

const SHARE = {
  es: /el (\d+(?:\.\d+)?)% \((\d+)\)(?: obtuvo resultados)? (buenos|regulares|críticos)/g,
  en: /(\d+(?:\.\d+)?)% \((\d+)\)(?: obtained)? (good|regular|critical)/g,
} as const;

const STATUS_OF = { buenos: 'good', regulares: 'regular', críticos: 'critical', good: 'good', regular: 'regular', critical: 'critical' } as const;

function expectedCounts(evaluation: Evaluation) {
  const name = new Map(evaluation.summary.byPerspective.map((p) => [p.code, p.name]));
  return INDICATOR_KINDS.flatMap((kind) =>
    evaluation.summary.byPerspective.flatMap(({ code }) => {
      const rows = evaluation.indicators.filter((row) => row.kind === kind && row.perspective === code);
      if (rows.length === 0) return [];
      const count = (status: string) => rows.filter((row) => row.status === status).length;
      const evaluated = count('good') + count('regular') + count('critical');
      const share = (n: number) => formatPercent(rational(BigInt(n) * 100n, BigInt(evaluated)), 1);
      return [
        {
          perspective: name.get(code)!,
          planned: rows.length,
          evaluated,
          statuses: (['good', 'regular', 'critical'] as const).filter((s) => count(s) > 0).map((s) => ({ status: s, count: count(s), share: share(count(s)) })),
        },
      ];
    }),
  );
}

async function check(t: Test, sample: Sample, format: 'html' | 'pdf', language: DocumentLanguage, model: ReportModel) {
  const { bytes } = await sample.render(format, language);
  const text = format === 'pdf' ? pdfText(bytes) : htmlText(bytes.toString('utf8'));
  const spaced = oneSpaced(text);
  const squeezed = squeeze(text);

  const sentences = [...spaced.matchAll(SENTENCE[language])].map((m) => {
    const evaluated = m[3] ?? m[4] ?? (/not|no se|ninguno|none/.test(m[0]) ? '0' : '1');
    return {
      perspective: m[1]!,
      planned: Number(m[2]),
      evaluated: Number(evaluated),
      statuses: [...(m[5] ?? '').matchAll(SHARE[language])].map((s) => ({
        status: STATUS_OF[s[3] as keyof typeof STATUS_OF],
        count: Number(s[2]),
        share: s[1]!,
      })),
    };
  });
  t.same(sentences, expectedCounts(sample.evaluation), `${format} ${language}: one sentence per kind and perspective, its numbers the evaluation's`);

  const rows = model.sections.flatMap((s) => s.perspectives.flatMap((p) => p.tables.flatMap((table) => table.rows)));
  t.equal(rows.length, sample.evaluation.indicators.length);
  const missing = rows.filter(
    (row) => !squeezed.includes(squeeze(`${row.code}${row.name}${row.periodicity}${row.target}${row.result}${row.compliance}${row.status.word}`)),
  );
  t.same(
    missing.map((row) => row.code),
    [],
    `${format} ${language}: every row reads code, name, periodicity, target, result, compliance, status`,
  );
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const wrong = sample.evaluation.indicators.filter((row) => {
    const printed = byCode.get(row.code);
    const compliance = row.compliance === null ? '—' : `${row.compliance.display}%`;
    return printed === undefined || printed.compliance !== compliance || printed.status.word !== LABELS[language].status[row.status];
  });
  t.same(
    wrong.map((row) => row.code),
    [],
    'each printed compliance and status is the evaluation’s',
  );

  for (const row of sample.evaluation.closingTable) {
    const share = row.goodShare === null ? '—' : `${row.goodShare.display}%`;
    t.ok(squeezed.includes(squeeze(`${LABELS[language].kind[row.kind]}${row.measured}${row.reachedTarget}${share}`)), `closing row ${row.kind}`);
  }
  t.ok(squeezed.includes(evaluationDigest(sample.evaluation)), 'the footer prints the digest');
  t.ok(squeezed.includes(squeeze(LABELS[language].report.footer.position(model.position))), 'and the position');
  for (const entry of model.criticalWithout.entries)
    t.ok(squeezed.includes(squeeze(`${entry.code}·${entry.name}`)), `critical without justification ${entry.code}`);
}

for (const make of [smallPlan, benchPlan]) {
  t.test(make === smallPlan ? 'the small hand-made plan' : 'the bench’s 1,000-indicator plan', async (t) => {
    const sample = make();
    for (const language of ['es', 'en'] as const) {
      const model = buildReport({
        evaluation: sample.evaluation,
        facts: sample.facts,
        position: make === smallPlan ? '812:3' : '48213:1',
        digest: evaluationDigest(sample.evaluation),
        datedAt: '2000-01-01T00:00:00.000Z',
        language,
      });
      for (const format of ['html', 'pdf'] as const) await t.test(`${format}, ${language}`, (t) => check(t, sample, format, language, model));
    }
  });
}
