import { evaluatePlan, evaluationDigest, type JustificationFact, type PlanFacts } from '@semaforo/domain';
import type { DocumentLanguage } from '../labels.js';
import { buildReport } from './build-report.js';
import type { ReportModel } from './report-model.js';
import { REPORT_DATED_AT, REPORT_PERIOD, REPORT_POSITION, reportPlanFacts } from './report-plan.fixture.js';
import type { ReportVersion } from './report-stamp.js';

/** Texts no public version may contain: distinctive, so a search of a file's bytes finds them if they leaked. */
export const RESERVED_TEXTS = {
  justification: 'RESERVADO-7F3A sumario administrativo abierto contra la jefatura de ventanilla',
  action: 'RESERVADO-9C1D separar del cargo a la persona investigada mientras dure el sumario',
  owner: 'RESERVADO-2B8E Comisión disciplinaria',
  interpretation: 'RESERVADO-5E7B la mejora proviene de expedientes de un proceso judicial',
} as const;

/** Texts written beside them without the mark: every version prints them. */
export const PUBLIC_TEXTS = {
  action: 'Publicar el nuevo horario de atención en la sede',
  owner: 'Gerencia de Comunicaciones',
} as const;

/**
 * The report plan with reserved texts added as the fold adds a `JustificationAdded` with its marks
 * (see `foldPlanFacts`): a reserved justification of the critical PR-DAPU-01 with one reserved and
 * one public corrective action, and a reserved interpretation of IE-DAPU-02.
 */
export function reservedPlanFacts(): PlanFacts {
  const facts = reportPlanFacts();
  const added: Readonly<Record<string, JustificationFact>> = {
    'PR-DAPU-01': {
      period: '2023-Q2',
      justificationNumber: 2,
      text: RESERVED_TEXTS.justification,
      reserved: true,
      correctiveActions: [
        { action: RESERVED_TEXTS.action, owner: RESERVED_TEXTS.owner, dueDate: '2023-08-31', reserved: true },
        { action: PUBLIC_TEXTS.action, owner: PUBLIC_TEXTS.owner, dueDate: '2023-07-31' },
      ],
      recordedAt: '2023-07-03T15:00:00.000Z',
      actorId: 'jefatura@dapu',
    },
    'IE-DAPU-02': {
      period: '2023-Q2',
      justificationNumber: 2,
      text: RESERVED_TEXTS.interpretation,
      reserved: true,
      correctiveActions: [],
      recordedAt: '2023-07-03T15:01:00.000Z',
      actorId: 'jefatura@dapu',
    },
  };
  return {
    ...facts,
    indicators: facts.indicators.map((indicator) => {
      const justification = added[indicator.code];
      return justification === undefined ? indicator : { ...indicator, justifications: [...indicator.justifications, justification] };
    }),
  };
}

/** The reserved plan's report model, as the small plan's (`reportPlanModel`), in either version. */
export function reservedPlanModel(language: DocumentLanguage, version: ReportVersion): ReportModel {
  const facts = reservedPlanFacts();
  const evaluation = evaluatePlan(facts, REPORT_PERIOD);
  return buildReport({ evaluation, facts, position: REPORT_POSITION, digest: evaluationDigest(evaluation), datedAt: REPORT_DATED_AT, language, version });
}
