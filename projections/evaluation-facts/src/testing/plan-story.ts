import { randomUUID } from 'node:crypto';
import type { CommandMetadata, WriteResult, WriteSide } from '@semaforo/commands';
import { compareLogPositions, LOG_START, parseLogPosition, type LogPosition } from '@semaforo/event-store';
import { indicatorStream, planStream, type IndicatorCommand, type IndicatorDefinition, type PlanCommand } from '@semaforo/domain';

/**
 * Command metadata from a counter, not the clock: each call is one minute
 * after the previous one, from `start`. Event ids are random (they name
 * events; nothing an evaluation shows depends on them).
 */
export function commandClock(start = '2023-01-09T13:00:00.000Z', actor = 'planner@upisss'): (as?: string) => CommandMetadata {
  let minute = 0;
  return (as = actor) => {
    const recordedAt = new Date(Date.parse(start) + 60_000 * minute++).toISOString();
    return { actor: { id: as, role: 'planner' }, source: 'api', requestId: randomUUID(), correlationId: randomUUID(), recordedAt, newEventId: randomUUID };
  };
}

export const STORY_PLAN_ID = 'upisss-2023';

export const aDefinition = (overrides: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
  name: 'Solicitudes atendidas',
  kind: 'production',
  perspective: 'usuarios',
  unit: 'DSP',
  measure: 'count',
  periodicity: 'quarterly',
  polarity: 'higher-is-better',
  accumulation: 'sum',
  formula: 'Solicitudes atendidas en el período',
  ...overrides,
});

/**
 * A plan command and an indicator command of the story plan, through the
 * real write side; `lastPosition()` is where its last append landed (what a
 * test waits for the projector to reach).
 */
export function storyWriter(writeSide: WriteSide, metadata = commandClock(), planId = STORY_PLAN_ID) {
  let last: LogPosition = LOG_START;
  const track = (result: WriteResult): WriteResult => {
    const position = result.position === null ? null : parseLogPosition(result.position);
    if (position !== null && compareLogPositions(position, last) > 0) last = position;
    return result;
  };
  return {
    planId,
    plan: async (command: PlanCommand, actor?: string) => track(await writeSide.execute(planStream(planId), command, metadata(actor))),
    indicator: async (command: IndicatorCommand, actor?: string) =>
      track(await writeSide.execute(indicatorStream(planId, command.data.code), command, metadata(actor))),
    lastPosition: (): LogPosition => last,
  };
}

/**
 * A small but complete first semester of a plan, every kind of fact at
 * least once: two perspectives then a third, a unit hierarchy, three
 * indicators (one amended, one retired), targets set and revised, results
 * reported with and without a ratio, corrected, withdrawn as "no data",
 * justifications with corrective actions, and a change of scale. Resolves
 * to the position of its last event.
 */
export async function writePlanStory(writeSide: WriteSide, metadata = commandClock()): Promise<LogPosition> {
  const w = storyWriter(writeSide, metadata);
  await w.plan({
    type: 'OpenPlan',
    data: {
      institutionId: 'upisss',
      fiscalYear: 2023,
      fiscalYearStartMonth: 1,
      name: 'Plan Anual de Trabajo 2023',
      perspectives: [
        { code: 'usuarios', name: 'Persona Usuaria' },
        { code: 'financiera', name: 'Financiera' },
      ],
    },
  });
  await w.plan({ type: 'DefineUnit', data: { code: 'DIR', name: 'Dirección', areaClass: 'administrative' } });
  await w.plan({ type: 'DefineUnit', data: { code: 'DSP', name: 'Departamento de Pensiones', parentCode: 'DIR', areaClass: 'administrative' } });
  await w.plan({ type: 'DefineUnit', data: { code: 'CLI', name: 'Clínica', parentCode: 'DIR', areaClass: 'health' } });

  await w.indicator({ type: 'RegisterIndicator', data: { code: 'IE-DSP-01', ...aDefinition() } });
  await w.indicator({
    type: 'RegisterIndicator',
    data: {
      code: 'IE-DSP-02',
      ...aDefinition({
        name: 'Tiempo promedio de respuesta',
        kind: 'result',
        measure: 'days',
        periodicity: 'monthly',
        polarity: 'lower-is-better',
        accumulation: 'average',
        formula: 'Días entre solicitud y respuesta',
      }),
    },
  });
  await w.indicator({
    type: 'RegisterIndicator',
    data: {
      code: 'IE-CLI-01',
      ...aDefinition({
        unit: 'CLI',
        perspective: 'financiera',
        name: 'Morosidad',
        kind: 'result',
        measure: 'percent',
        polarity: 'lower-is-better',
        accumulation: 'last',
      }),
    },
  });

  await w.indicator({ type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2023-Q1', value: '1314' } });
  await w.indicator({ type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '6192' } });
  for (const month of ['01', '02', '03', '04', '05', '06']) {
    await w.indicator({ type: 'SetTarget', data: { code: 'IE-DSP-02', period: `2023-M${month}`, value: '10' } });
  }
  await w.indicator({ type: 'SetTarget', data: { code: 'IE-CLI-01', period: '2023-Q1', value: '4.27' } });
  await w.indicator({ type: 'SetTarget', data: { code: 'IE-CLI-01', period: '2023-Q2', value: '4.27' } });

  await w.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q1', value: '1282' } }, 'unit@dsp');
  await w.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-02', period: '2023-M01', value: '8.2' } }, 'unit@dsp');
  await w.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-02', period: '2023-M02', value: '12', numerator: '120', denominator: '10' } }, 'unit@dsp');
  await w.indicator({ type: 'ReportResult', data: { code: 'IE-CLI-01', period: '2023-Q1', value: '1.0' } }, 'unit@cli');
  await w.indicator({ type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2023-Q1', value: '1300', reason: 'Reprogramación aprobada' } });
  await w.indicator({
    type: 'AddJustification',
    data: {
      code: 'IE-DSP-01',
      period: '2023-Q1',
      text: 'Ausencia de personal, "licencias" médicas',
      correctiveActions: [{ action: 'Contratar apoyo temporal', owner: 'Jefatura DSP', dueDate: '2023-05-31' }],
    },
  });
  await w.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-02', period: '2023-M03', value: '9' } }, 'unit@dsp');
  await w.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-02', period: '2023-M02', value: '11.5', reason: 'Error de digitación' } }, 'unit@dsp');
  await w.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-02', period: '2023-M03', noData: true, reason: 'Sistema caído' } }, 'unit@dsp');
  await w.indicator({ type: 'AmendIndicator', data: { code: 'IE-DSP-02', changes: { decimals: 2, name: 'Tiempo promedio de respuesta (días)' } } });
  await w.plan({ type: 'AddPerspective', data: { code: 'procesos', name: 'Procesos Internos' } });
  await w.plan({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: '80', goodAbove: '95' } } });
  await w.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '6138' } }, 'unit@dsp');
  await w.indicator({ type: 'RetireIndicator', data: { code: 'IE-CLI-01', reason: 'Se mide en el plan institucional' } });
  await w.indicator({ type: 'AddJustification', data: { code: 'IE-DSP-01', period: '2023-Q2', text: 'Recuperación parcial', correctiveActions: [] } });
  return w.lastPosition();
}
