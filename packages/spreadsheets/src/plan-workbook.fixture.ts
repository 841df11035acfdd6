import { aPlanLog } from '@semaforo/domain/testing';

/**
 * A small plan of 2023 for the writers' tests: units DIR > DSP > DSP-1 and
 * DNGF; a quarterly indicator of DSP with targets (one a financial gap) and
 * results (one "no data"), a monthly one of DNGF, a semiannual one of DSP-1,
 * and a retired one.
 */
export const aWorkbookPlan = () =>
  aPlanLog()
    .unit('DSP', 'DIR')
    .unit('DSP-1', 'DSP')
    .unit('DNGF')
    .register('IE-DSP-01', { name: 'Brecha financiera', unit: 'DSP', measure: 'currency', decimals: 2, strategicObjective: 'OE1' })
    .figures('IE-DSP-01', [
      ['2023-Q1', '-375123611', '-300000000.5'],
      ['2023-Q2', '12345678.1234567891', null],
    ])
    .noData('IE-DSP-01', '2023-Q2')
    .register('IE-DNGF-02', { name: '=SUM(A1:A3) no es una fórmula', unit: 'DNGF', periodicity: 'monthly', polarity: 'lower-is-better' })
    .target('IE-DNGF-02', '2023-M01', '12.5')
    .register('IE-DSP1-03', { name: 'Atenciones', unit: 'DSP-1', periodicity: 'semiannual', kind: 'production', accumulation: 'average' })
    .register('IE-OLD-04', { name: 'Retirado', unit: 'DSP' })
    .retire('IE-OLD-04');
