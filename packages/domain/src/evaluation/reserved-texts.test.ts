import t from 'tap';
import { canonicalJson } from '@semaforo/canonical-json';
import { evaluatePlan } from './evaluate-plan.js';
import { evaluationCanonicalJson } from './evaluation-canonical-json.js';
import { evaluationDigest } from './evaluation-digest.js';
import { aPlanLog } from './plan-log.fixture.js';

const action = { action: 'Reponer stock', owner: 'Bodega', dueDate: '2023-05-01' };

/** IE-01 is critical in 2023-Q1; its justification is written with or without the marks. */
const evaluate = (marks: { reserved?: boolean; actionReserved?: boolean }) =>
  evaluatePlan(
    aPlanLog()
      .register('IE-01')
      .figures('IE-01', [['2023-Q1', '100', '10']])
      .indicator({
        type: 'AddJustification',
        data: {
          code: 'IE-01',
          period: '2023-Q1',
          text: 'Sumario administrativo en curso',
          ...(marks.reserved === undefined ? {} : { reserved: marks.reserved }),
          correctiveActions: [{ ...action, ...(marks.actionReserved === undefined ? {} : { reserved: marks.actionReserved }) }],
        },
      })
      .facts(),
    '2023-Q1',
  );

t.test('given a reserved justification and a reserved action, when evaluated, then the evaluation carries both marks', async (t) => {
  const evaluation = evaluate({ reserved: true, actionReserved: true });
  const [justification] = evaluation.critical[0]!.justifications;
  t.equal(justification?.reserved, true);
  t.equal(justification?.correctiveActions[0]?.reserved, true);
  t.equal(evaluationCanonicalJson(evaluation), canonicalJson(evaluation), 'the fast writer writes the marks as canonicalJson does');
  t.match(evaluationCanonicalJson(evaluation), /"reserved":true,"text":"Sumario administrativo en curso"/);
});

t.test('given a justification marked not reserved, when evaluated, then the evaluation is byte for byte one written before marking existed', async (t) => {
  const unmarked = evaluate({});
  const markedFalse = evaluate({ reserved: false, actionReserved: false });
  t.notMatch(evaluationCanonicalJson(markedFalse), /reserved/, 'no mark is written for a text that is not reserved');
  t.equal(evaluationDigest(markedFalse), evaluationDigest(unmarked));
  t.equal(evaluationCanonicalJson(unmarked), canonicalJson(unmarked));
});

t.test('given a reserved text, when evaluated, then the digest differs from the same text unmarked (the mark is a fact)', async (t) => {
  t.not(evaluationDigest(evaluate({ reserved: true })), evaluationDigest(evaluate({})));
  t.not(evaluationDigest(evaluate({ actionReserved: true })), evaluationDigest(evaluate({})));
});
