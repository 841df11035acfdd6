import t from 'tap';
import { evaluatePlan } from './evaluate-plan.js';
import { aPlanLog } from './plan-log.fixture.js';

const action = { action: 'Reforzar el personal de ventanilla', owner: 'Jefatura de Atención', dueDate: '2023-07-31' };

t.test('given critical indicators with and without justification, when evaluating Q2', async (t) => {
  const log = aPlanLog()
    .register('MENSUAL', { periodicity: 'monthly', name: 'Atenciones mensuales' })
    .figures('MENSUAL', [['2023-M06', '100', '10']])
    .justify('MENSUAL', '2023-M05', 'Mayo: ausentismo', [action])
    .justify('MENSUAL', '2023-Q2', 'Segundo trimestre: sistema caído')
    .justify('MENSUAL', '2023-M08', 'Agosto: escrito por adelantado')
    .justify('MENSUAL', '2023-Q1', 'Primer trimestre: otra periodicidad')
    .register('SIN', { name: 'Sin justificación' })
    .figures('SIN', [['2023-Q2', '100', '10']])
    .justify('SIN', '2023-Q3', 'Un período que aún no termina')
    .register('REGULAR')
    .figures('REGULAR', [['2023-Q2', '100', '90']])
    .justify('REGULAR', '2023-Q2', 'No hacía falta');
  const evaluation = evaluatePlan(log.facts(), '2023-Q2');
  const [mensual, sin] = evaluation.critical;

  t.test('then only the critical ones are listed, by code', async (t) => {
    t.strictSame(
      evaluation.critical.map((entry) => entry.code),
      ['MENSUAL', 'SIN'],
    );
  });

  t.test('then justifications for the reporting period and for its own periods in the window count, latest first', async (t) => {
    t.strictSame(
      mensual?.justifications.map((j) => [j.justificationNumber, j.period]),
      [
        [2, '2023-Q2'],
        [1, '2023-M05'],
      ],
    );
    t.equal(mensual?.hasJustification, true);
  });

  t.test('then a justification carries its text, corrective actions, time and author', async (t) => {
    t.strictSame(mensual?.justifications[1], {
      period: '2023-M05',
      justificationNumber: 1,
      text: 'Mayo: ausentismo',
      correctiveActions: [action],
      recordedAt: log.events.find((e) => e.type === 'JustificationAdded')?.metadata.recordedAt,
      actorId: 'unit-head',
    });
  });

  t.test('then one justified only for a later period has no justification and is listed as lacking one', async (t) => {
    t.strictSame(sin, { code: 'SIN', name: 'Sin justificación', justifications: [], hasJustification: false });
    t.strictSame(evaluation.criticalWithoutJustification, ['SIN']);
  });
});

t.test('given a quarterly indicator justified for S1, when evaluating S1 and then Q2', async (t) => {
  const log = aPlanLog()
    .register('TRIM')
    .figures('TRIM', [['2023-Q2', '100', '10']])
    .justify('TRIM', '2023-S1', 'Semestre');
  t.test('then in the S1 report the justification counts: it is for the reporting period', async (t) => {
    t.equal(evaluatePlan(log.facts(), '2023-S1').critical[0]?.hasJustification, true);
  });
  t.test('then in the Q2 report it does not: S1 is neither the reporting period nor one of its quarters', async (t) => {
    t.strictSame(evaluatePlan(log.facts(), '2023-Q2').criticalWithoutJustification, ['TRIM']);
  });
});

t.test('given no critical indicator, then both lists are empty', async (t) => {
  const evaluation = evaluatePlan(
    aPlanLog()
      .register('OK')
      .figures('OK', [['2023-Q1', '1', '1']])
      .facts(),
    '2023-Q1',
  );
  t.strictSame(evaluation.critical, []);
  t.strictSame(evaluation.criticalWithoutJustification, []);
});
