import { randomUUID } from 'node:crypto';
import { WriteSide, type CommandMetadata } from '@semaforo/commands';
import { indicatorStream, planStream, type IndicatorCommand, type PlanCommand } from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';

export const STORY_PLAN = 'upisss-2021';

/** Who acts in the story, with their roles. */
export const PLANNER = { id: 'planner@upisss', role: 'planner' } as const;
export const DIRECTOR = { id: 'director@upisss', role: 'director' } as const;
export const ANALYST = { id: 'analyst@upisss' } as const;

type Actor = { readonly id: string; readonly role?: string };

/**
 * The changes a compliance officer would look into, written through the
 * real write side, one day apart from 2021-02-01T12:00:00.000Z (step n is
 * recorded at that instant plus n days, n from 0):
 *
 * - units DIR (División de Prestaciones) > DSP (Pensiones) > DEP (Liquidaciones), and ADM (Administración);
 * - indicators IE-DSP-01 (unit DSP), IE-DEP-02 (unit DEP, with numerator / denominator), IE-ADM-03 (unit ADM);
 * - IE-DSP-01: targets Q1 120, Q2 130, then Q2 revised to 135 by the director with a reason;
 *   result Q1 100, corrected to 110 with a reason, then withdrawn as "no data" with a reason;
 * - IE-DEP-02: result Q1 45 (45 / 100), corrected to 47 (47 / 100); moved from DEP to ADM by an amendment;
 * - IE-ADM-03: target Q1 10 by the analyst, a justification with one corrective action, then retired.
 */
export async function writeAuditStory(store: EventStore): Promise<StoryLog> {
  const writeSide = new WriteSide(store);
  let step = 0;
  const steps: StoryStep[] = [];
  const metadata = (actor: Actor): CommandMetadata => ({
    actor,
    source: 'api',
    requestId: randomUUID(),
    correlationId: randomUUID(),
    recordedAt: new Date(Date.UTC(2021, 1, 1, 12) + step * 86_400_000).toISOString(),
    newEventId: randomUUID,
  });
  const plan = async (command: PlanCommand, actor: Actor = PLANNER) => {
    const m = metadata(actor);
    const result = await writeSide.execute(planStream(STORY_PLAN), command, m);
    steps.push({ step, recordedAt: m.recordedAt, position: result.position });
    step += 1;
  };
  const indicator = async (command: IndicatorCommand, actor: Actor = PLANNER) => {
    const m = metadata(actor);
    const result = await writeSide.execute(indicatorStream(STORY_PLAN, command.data.code), command, m);
    steps.push({ step, recordedAt: m.recordedAt, position: result.position });
    step += 1;
  };
  const definition = {
    kind: 'result',
    perspective: 'usuarios',
    measure: 'count',
    periodicity: 'quarterly',
    polarity: 'higher-is-better',
    accumulation: 'sum',
    formula: 'Solicitudes resueltas en el trimestre',
  } as const;

  await plan({
    type: 'OpenPlan',
    data: {
      institutionId: 'upisss',
      fiscalYear: 2021,
      fiscalYearStartMonth: 1,
      name: 'PAT 2021',
      perspectives: [
        { code: 'usuarios', name: 'Persona Usuaria' },
        { code: 'financiera', name: 'Financiera' },
      ],
    },
  });
  await plan({ type: 'DefineUnit', data: { code: 'DIR', name: 'División de Prestaciones', areaClass: 'administrative' } });
  await plan({ type: 'DefineUnit', data: { code: 'DSP', name: 'Pensiones', parentCode: 'DIR', areaClass: 'administrative' } });
  await plan({ type: 'DefineUnit', data: { code: 'DEP', name: 'Liquidaciones', parentCode: 'DSP', areaClass: 'administrative' } });
  await plan({ type: 'DefineUnit', data: { code: 'ADM', name: 'Administración', areaClass: 'administrative' } });
  await indicator({ type: 'RegisterIndicator', data: { code: 'IE-DSP-01', name: 'Pensiones otorgadas', unit: 'DSP', ...definition } });
  await indicator({
    type: 'RegisterIndicator',
    data: { code: 'IE-DEP-02', name: 'Liquidaciones a tiempo', unit: 'DEP', ...definition, measure: 'percent', accumulation: 'last' },
  });
  await indicator({ type: 'RegisterIndicator', data: { code: 'IE-ADM-03', name: 'Compras adjudicadas', unit: 'ADM', ...definition } });
  await indicator({ type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2021-Q1', value: '120' } });
  await indicator({ type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2021-Q2', value: '130' } });
  await indicator(
    { type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2021-Q2', value: '135', reason: 'Reprogramación aprobada por el comité' } },
    DIRECTOR,
  );
  await indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2021-Q1', value: '100' } }, ANALYST);
  await indicator({ type: 'ReportResult', data: { code: 'IE-DEP-02', period: '2021-Q1', value: '45', numerator: '45', denominator: '100' } }, ANALYST);
  await indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2021-Q1', value: '110', reason: 'Se omitieron los casos de marzo' } }, ANALYST);
  await indicator(
    {
      type: 'ReportResult',
      data: { code: 'IE-DEP-02', period: '2021-Q1', value: '47', numerator: '47', denominator: '100', reason: 'Dos liquidaciones mal clasificadas' },
    },
    ANALYST,
  );
  await indicator(
    { type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2021-Q1', noData: true, reason: 'Sistema de pensiones en auditoría' } },
    DIRECTOR,
  );
  await indicator({ type: 'AmendIndicator', data: { code: 'IE-DEP-02', changes: { unit: 'ADM' }, reason: 'Reorganización' } }, DIRECTOR);
  await indicator({ type: 'SetTarget', data: { code: 'IE-ADM-03', period: '2021-Q1', value: '10' } }, ANALYST);
  await indicator({
    type: 'AddJustification',
    data: {
      code: 'IE-ADM-03',
      period: '2021-Q1',
      text: 'Proveedores declarados desiertos',
      correctiveActions: [{ action: 'Nueva convocatoria', owner: 'Jefatura de compras', dueDate: '2021-05-31' }],
    },
  });
  await indicator({ type: 'RetireIndicator', data: { code: 'IE-ADM-03', reason: 'Fuera del alcance del plan' } }, DIRECTOR);
  return { steps };
}

export interface StoryStep {
  readonly step: number;
  readonly recordedAt: string;
  /** `"<commit>:<prepare>"` of the step's event. */
  readonly position: string | null;
}

export interface StoryLog {
  /** One per command, in order; every command of the story appends exactly one event. */
  readonly steps: readonly StoryStep[];
}

/** Steps of the story by name, so tests read what they mean. */
export const STEP = {
  planOpened: 0,
  dspDefined: 2,
  depDefined: 3,
  dspRegistered: 5,
  q1TargetSet: 8,
  q2TargetSet: 9,
  q2TargetRevised: 10,
  q1ResultReported: 11,
  dep02ResultReported: 12,
  q1ResultCorrected: 13,
  dep02ResultCorrected: 14,
  q1NoData: 15,
  dep02Moved: 16,
  adm03TargetSet: 17,
  adm03Justified: 18,
  adm03Retired: 19,
} as const;
export const STORY_EVENT_COUNT = 20;
