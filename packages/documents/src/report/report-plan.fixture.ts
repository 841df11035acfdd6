import { evaluatePlan, evaluationDigest, type Evaluation, type PlanFacts } from '@semaforo/domain';
import { aPlanLog } from '@semaforo/domain/testing';
import type { DocumentLanguage } from '../labels.js';
import { buildReport } from './build-report.js';
import type { ReportModel } from './report-model.js';

/** 500 characters: the longest indicator name the domain accepts. */
export const LONG_INDICATOR_NAME = `Porcentaje de solicitudes de pensión resueltas dentro del plazo legal ${'con verificación documental completa '.repeat(13)}`
  .slice(0, 500)
  .trimEnd()
  .padEnd(500, 'x');
/** 300 characters: the longest unit name. */
export const LONG_UNIT_NAME = `Departamento de Atención a la Persona Usuaria ${'y Gestión de Trámites Previsionales '.repeat(8)}`
  .slice(0, 300)
  .trimEnd()
  .padEnd(300, 'x');

/**
 * The small hand-made plan the report's golden files are rendered from: two perspectives, both
 * kinds, three units (one of them with the longest name a unit can have), every status, an
 * indicator named with the longest name there can be, justifications with and without corrective
 * actions, and a critical indicator nobody justified. Written through the real deciders.
 */
export function reportPlanFacts(): PlanFacts {
  const log = aPlanLog({
    perspectives: [
      { code: 'usuarios', name: 'Persona Usuaria' },
      { code: 'financiera', name: 'Financiera' },
    ],
  });
  log.plan({ type: 'DefineUnit', data: { code: 'DAPU', name: LONG_UNIT_NAME, areaClass: 'administrative', parentCode: 'DIR' } });
  log.plan({ type: 'DefineUnit', data: { code: 'UFI', name: 'Unidad Financiera Institucional', areaClass: 'administrative', parentCode: 'DIR' } });
  const q = (target: string, q1: string | null, q2: string | null) =>
    [
      ['2023-Q1', target, q1],
      ['2023-Q2', target, q2],
    ] as const;
  log
    .register('IE-DAPU-01', { name: LONG_INDICATOR_NAME, unit: 'DAPU', measure: 'percent', accumulation: 'last' })
    .figures('IE-DAPU-01', q('95', '96', '97.5'))
    .register('IE-DAPU-02', {
      name: 'Tiempo promedio de respuesta a reclamos',
      unit: 'DAPU',
      polarity: 'lower-is-better',
      measure: 'days',
      accumulation: 'average',
    })
    .figures('IE-DAPU-02', q('10', '8.2', '9'))
    .register('IE-UFI-01', { name: 'Ingresos por cotizaciones', perspective: 'financiera', unit: 'UFI', measure: 'currency' })
    .figures('IE-UFI-01', q('3100000', '3050000', '3000000'))
    .register('IE-UFI-02', {
      name: 'Índice de morosidad',
      perspective: 'financiera',
      unit: 'UFI',
      polarity: 'lower-is-better',
      measure: 'percent',
      accumulation: 'last',
    })
    .figures('IE-UFI-02', q('4.27', '1.2', '1.0'))
    .register('PR-DIR-01', { name: 'Expedientes de pensión tramitados', kind: 'production', unit: 'DIR', periodicity: 'monthly' });
  for (const [month, target, result] of [
    ['01', '1000', '1020'],
    ['02', '1000', '990'],
    ['03', '1000', '1010'],
    ['04', '1000', '1000'],
    ['05', '1000', '1005'],
    ['06', '1192', '1113'],
  ] as const) {
    log.figures('PR-DIR-01', [[`2023-M${month}`, target, result]]);
  }
  log
    .register('PR-DAPU-01', { name: 'Atenciones brindadas en ventanilla', kind: 'production', unit: 'DAPU' })
    .figures('PR-DAPU-01', q('3725', '1600', '1489'))
    .justify('PR-DAPU-01', '2023-Q2', 'La ventanilla permaneció cerrada dos semanas por remodelación.', [
      { action: 'Habilitar una ventanilla temporal en el segundo piso', owner: 'Jefatura DAPU', dueDate: '2023-08-15' },
      { action: 'Extender el horario de atención los sábados', owner: 'Gerencia de Servicios', dueDate: '2023-09-30' },
    ])
    .register('PR-UFI-01', { name: 'Conciliaciones bancarias realizadas', kind: 'production', perspective: 'financiera', unit: 'UFI' })
    .figures('PR-UFI-01', q('12', '2', '3'))
    .register('PR-UFI-02', { name: 'Informes financieros publicados', kind: 'production', perspective: 'financiera', unit: 'UFI' })
    .figures('PR-UFI-02', q('3', '3', null))
    .register('PR-UFI-03', { name: 'Auditorías externas contratadas', kind: 'production', perspective: 'financiera', unit: 'UFI', periodicity: 'annual' })
    .justify('IE-DAPU-02', '2023-Q2', 'El tiempo de respuesta mejoró con el nuevo sistema de turnos.');
  log.justify('PR-DIR-01', '2023-M06', 'La demanda de junio superó lo previsto; se reasignó personal.', []);
  return log.facts();
}

export const REPORT_PERIOD = '2023-Q2';
export const REPORT_POSITION = '812:3';
export const REPORT_DATED_AT = '2023-07-05T14:30:00.000Z';

export function reportPlanEvaluation(): { facts: PlanFacts; evaluation: Evaluation; digest: string } {
  const facts = reportPlanFacts();
  const evaluation = evaluatePlan(facts, REPORT_PERIOD);
  return { facts, evaluation, digest: evaluationDigest(evaluation) };
}

export function reportPlanModel(language: DocumentLanguage): ReportModel {
  const { facts, evaluation, digest } = reportPlanEvaluation();
  return buildReport({ evaluation, facts, position: REPORT_POSITION, digest, datedAt: REPORT_DATED_AT, language });
}
