import t from 'tap';
import { evaluatePlan } from '@semaforo/domain';
import { aPlanLog } from '@semaforo/domain/testing';
import { evaluationToCsv } from './evaluation-csv.js';
import { summaryToCsv } from './summary-csv.js';

const log = aPlanLog()
  .register('A-BUENO', { name: 'Atenciones, "ventanilla"\nnacional' })
  .figures('A-BUENO', [
    ['2023-Q1', '100', '100'],
    ['2023-Q2', '100', '100'],
  ])
  .register('B-REGULAR', { kind: 'production' })
  .figures('B-REGULAR', [['2023-Q2', '100', '90']])
  .register('C-CRITICO', { perspective: 'financiera', periodicity: 'monthly', accumulation: 'average' })
  .figures('C-CRITICO', [
    ['2023-M04', '3', '1'],
    ['2023-M05', '3', '1'],
    ['2023-M06', '3', '2'],
  ])
  .register('D-SIN', {})
  .target('D-SIN', '2023-Q2', '5')
  .register('E-ANUAL', { periodicity: 'annual' })
  .register('F-CERO', {})
  .figures('F-CERO', [['2023-Q2', '0', '3']]);
const evaluation = evaluatePlan(log.facts(), '2023-Q2');

const lines = (csv: string) => csv.split('\r\n');

t.test('given an evaluation, when exported in Spanish, then the header and labels are those of the report', async (t) => {
  const csv = evaluationToCsv(evaluation, 'es', 1);
  t.equal(lines(csv)[0], 'Código,Indicador,Tipo,Perspectiva,Unidad,Meta,Resultado,% Cumplimiento,Semáforo');
  t.strictSame(lines(csv).slice(2), [
    'B-REGULAR,Indicador,Producción,Persona Usuaria,Unidad DIR,100,90,90.0,Regular',
    'C-CRITICO,Indicador,Resultado,Financiera,Unidad DIR,3,1.3,44.4,Crítico',
    'D-SIN,Indicador,Resultado,Persona Usuaria,Unidad DIR,,,,Sin reporte',
    'E-ANUAL,Indicador,Resultado,Persona Usuaria,Unidad DIR,,,,No corresponde',
    'F-CERO,Indicador,Resultado,Persona Usuaria,Unidad DIR,0,3,,Bueno',
    '',
  ]);
  t.ok(csv.endsWith('\r\n'), 'every record ends in CRLF');
});

t.test('given a name with a comma, quotes and a line break, when exported, then it is quoted as RFC 4180 says', async (t) => {
  const csv = evaluationToCsv(evaluation, 'es', 1);
  t.ok(
    csv.includes('\r\nA-BUENO,"Atenciones, ""ventanilla""\nnacional",Resultado,Persona Usuaria,Unidad DIR,200,200,100.0,Bueno\r\n'),
    'the field is wrapped in quotes, its quotes doubled, its line break kept',
  );
});

t.test('given an average with no finite decimal, when exported, then it is printed half-up, the JSON keeps it exact', async (t) => {
  const row = evaluation.indicators.find((indicator) => indicator.code === 'C-CRITICO');
  t.equal(row?.result, '4/3');
  t.match(evaluationToCsv(evaluation, 'es', 1), /\nC-CRITICO,[^\r]*,3,1\.3,44\.4,Crítico\r\n/);
});

t.test('given an evaluation, when exported in English, then headers and labels are English', async (t) => {
  const csv = evaluationToCsv(evaluation, 'en', 1);
  t.equal(lines(csv)[0], 'Code,Indicator,Kind,Perspective,Unit,Target,Result,% Compliance,Status');
  t.match(csv, /\nB-REGULAR,Indicador,Production,[^\r]*,Regular\r\n/);
  t.match(csv, /\nC-CRITICO,[^\r]*,Critical\r\n/);
  t.match(csv, /\nD-SIN,[^\r]*,Not reported\r\n/);
  t.match(csv, /\nE-ANUAL,[^\r]*,Not due\r\n/);
  t.match(csv, /\nF-CERO,[^\r]*,Good\r\n/);
});

t.test('given an evaluation, when its summary is exported, then the counts come first and the closing table last', async (t) => {
  const csv = summaryToCsv(evaluation, 'es', 1);
  t.strictSame(lines(csv), [
    'Agrupación,Código,Nombre,Planificados,Exigibles,Evaluados,Bueno,Regular,Crítico,Sin reporte,% Bueno,% Regular,% Crítico',
    'Plan,upisss-2023,PAT 2023,6,5,4,2,1,1,1,50.0,25.0,25.0',
    'Perspectiva,usuarios,Persona Usuaria,5,4,3,2,1,0,1,66.7,33.3,0.0',
    'Perspectiva,financiera,Financiera,1,1,1,0,0,1,0,0.0,0.0,100.0',
    'Unidad,DIR,Unidad DIR,6,5,4,2,1,1,1,50.0,25.0,25.0',
    'Tipo de indicador,result,Resultado,5,4,3,2,0,1,1,66.7,0.0,33.3',
    'Tipo de indicador,production,Producción,1,1,1,0,1,0,0,0.0,100.0,0.0',
    '',
    'Tipo de indicador,Medidos,Alcanzó meta,% Criterio bueno',
    'Resultado,3,2,66.7',
    'Producción,1,0,0.0',
    'Total,4,2,50.0',
    '',
  ]);
});

t.test('given an evaluation, when its summary is exported in English, then the closing table is in English', async (t) => {
  const csv = summaryToCsv(evaluation, 'en', 1);
  t.match(csv, /\r\n\r\nIndicator kind,Measured,Reached target,% Good\r\nResult,3,2,66\.7\r\n/);
});

t.test('given an evaluation, when exported as version 2, then a BOM comes first and a formula-like name is neutralised', async (t) => {
  const risky = evaluatePlan(
    aPlanLog()
      .register('A-1', { name: '=HYPERLINK("http://evil","clic")' })
      .figures('A-1', [['2023-Q2', '100', '100']])
      .facts(),
    '2023-Q2',
  );
  const csv = evaluationToCsv(risky, 'es', 2);
  t.equal(csv, `\uFEFF${evaluationToCsv(risky, 'es', 1).replace('"=HYPERLINK', '"\'=HYPERLINK')}`);
  t.match(csv, /\r\nA-1,"'=HYPERLINK\(""http:\/\/evil"",""clic""\)",Resultado,/);
  t.ok(summaryToCsv(evaluation, 'en', 2).startsWith('\uFEFFGroup,Code,'), 'the summary too');
  t.equal(summaryToCsv(evaluation, 'es', 2).slice(1), summaryToCsv(evaluation, 'es', 1), 'nothing to neutralise: version 1 behind a BOM');
});

t.test('given a financial gap (negative target and result), when exported, then version 3 writes numbers, version 2 neutralises them', async (t) => {
  const gaps = aPlanLog()
    .register('G-BRECHA', { name: 'Brecha financiera' })
    .figures('G-BRECHA', [['2023-Q2', '-375123611', '-300000000']])
    .register('H-CAIDA', { name: 'Tasa de variación' })
    .figures('H-CAIDA', [['2023-Q2', '4', '-1']]);
  const evaluated = evaluatePlan(gaps.facts(), '2023-Q2');
  t.strictSame(lines(evaluationToCsv(evaluated, 'es', 3)).slice(1, 3), [
    'G-BRECHA,Brecha financiera,Resultado,Persona Usuaria,Unidad DIR,-375123611,-300000000,120.0,Bueno',
    'H-CAIDA,Tasa de variación,Resultado,Persona Usuaria,Unidad DIR,4,-1,-25.0,Crítico',
  ]);
  t.strictSame(lines(evaluationToCsv(evaluated, 'es', 2)).slice(1, 3), [
    "G-BRECHA,Brecha financiera,Resultado,Persona Usuaria,Unidad DIR,'-375123611,'-300000000,120.0,Bueno",
    "H-CAIDA,Tasa de variación,Resultado,Persona Usuaria,Unidad DIR,4,'-1,'-25.0,Crítico",
  ]);
});
