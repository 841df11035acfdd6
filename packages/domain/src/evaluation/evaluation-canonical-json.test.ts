import { createHash } from 'node:crypto';
import t from 'tap';
import fc from 'fast-check';
import { canonicalJson } from '@semaforo/canonical-json';
import { evaluatePlan } from './evaluate-plan.js';
import { evaluationCanonicalJson, writeEvaluationCanonicalJson } from './evaluation-canonical-json.js';
import { evaluationDigest } from './evaluation-digest.js';
import type { Evaluation } from './evaluation.js';
import { build, periodIn, scenario } from './evaluation-scenario.fixture.js';
import { foldPlanFacts } from './fold-plan-facts.js';
import { aPlanLog } from './plan-log.fixture.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const anEvaluation = (): Evaluation =>
  evaluatePlan(
    aPlanLog()
      .unit('DIV', 'DIR')
      .register('IE-01', { periodicity: 'monthly', accumulation: 'average' })
      .figures('IE-01', [
        ['2023-M01', '90', '80'],
        ['2023-M02', '90', '95'],
        ['2023-M03', '90', '10'],
      ])
      .justify('IE-01', '2023-M03', 'Demoras', [{ action: 'Reponer stock', owner: 'Bodega', dueDate: '2023-05-01' }])
      .justify('IE-01', '2023-Q1', 'Otra')
      .register('IE-02', { unit: 'DIV', kind: 'production', polarity: 'lower-is-better', decimals: 2 })
      .figures('IE-02', [['2023-Q1', '10', '12']])
      .register('IE-03', { periodicity: 'annual' })
      .facts(),
    '2023-Q1',
  );

t.test("given an evaluation, when written canonically, then the text is canonicalJson's and so is the digest", async (t) => {
  const evaluation = anEvaluation();
  t.ok(evaluation.critical.length > 0 && evaluation.critical[0]!.justifications.length > 0, 'critical with justifications is covered');
  t.equal(evaluationCanonicalJson(evaluation), canonicalJson(evaluation));
  t.equal(evaluationDigest(evaluation), sha256(canonicalJson(evaluation)));
});

t.test('given strings JSON must escape or encode as several bytes, when written, then they are written as canonicalJson writes them', async (t) => {
  const awkward = ['"quoted" \\ back', 'line\nbreak\ttab\u0001', 'ñandú 🚦 €', 'lone \ud800 surrogate', ''];
  const base = anEvaluation();
  for (const text of awkward) {
    const evaluation: Evaluation = {
      ...base,
      planName: text,
      indicators: base.indicators.map((row) => ({ ...row, name: text, unit: text })),
      critical: base.critical.map((entry) => ({
        ...entry,
        justifications: entry.justifications.map((j) => ({ ...j, text, correctiveActions: [{ action: text, owner: text, dueDate: text }] })),
      })),
    };
    t.equal(evaluationCanonicalJson(evaluation), canonicalJson(evaluation), JSON.stringify(text));
    t.equal(evaluationDigest(evaluation), sha256(canonicalJson(evaluation)), `digest of ${JSON.stringify(text)}`);
  }
});

t.test('given a long text, when hashed in pieces, then no piece splits a string (a surrogate pair would hash differently)', async (t) => {
  const base = anEvaluation();
  // Emoji fill well past the piece size, so pieces end next to multi-unit characters.
  const evaluation: Evaluation = { ...base, planName: '🚦'.repeat(20_000), institutionId: `x${'é🚦'.repeat(9_000)}` };
  const pieces: string[] = [];
  writeEvaluationCanonicalJson(evaluation, (piece) => pieces.push(piece));
  t.ok(pieces.length > 2, 'written in several pieces');
  for (const piece of pieces) t.notOk(/[\ud800-\udbff]$/.test(piece), 'no piece ends inside a surrogate pair');
  t.equal(evaluationDigest(evaluation), sha256(canonicalJson(evaluation)));
});

t.test("property: for any history and period, the canonical text and the digest are canonicalJson's", async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(scenario, (s) => {
        const facts = foldPlanFacts(build(s).events);
        if (facts === null) return false;
        const evaluation = evaluatePlan(
          facts,
          periodIn(s.fiscalYear, s.reporting.periodicity, s.reporting.slot),
          s.decimals === undefined ? {} : { decimals: s.decimals },
        );
        return evaluationCanonicalJson(evaluation) === canonicalJson(evaluation) && evaluationDigest(evaluation) === sha256(canonicalJson(evaluation));
      }),
      { numRuns: 200 },
    ),
  );
});
