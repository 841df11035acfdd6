import {
  formatPeriod,
  indicatorStreamName,
  periodEndMonth,
  periodsOf,
  planStreamName,
  type IndicatorDefinition,
  type IndicatorEvent,
  type Periodicity,
  type PlanEvent,
} from '@semaforo/domain';
import type { JsonObject, RecordedEvent } from '@semaforo/event-store';

export interface LargePlanOptions {
  readonly planId?: string;
  readonly fiscalYear?: number;
  readonly indicators: number;
  readonly units?: number;
  /** Results are reported for periods ending by this fiscal month (default 12). */
  readonly reportedThroughMonth?: number;
}

const PERIODICITY_MIX: readonly Periodicity[] = [
  'monthly',
  'monthly',
  'monthly',
  'monthly',
  'quarterly',
  'quarterly',
  'quarterly',
  'semiannual',
  'semiannual',
  'annual',
];

/**
 * A big plan's log as the projector sees it, without a store: the events a
 * year of work on `indicators` indicators produces (targets for every
 * period, results, one revision and one correction in ten, a justification
 * in twenty), in log order, with synthetic positions 1:1, 2:2... Valid per
 * the domain's event schemas (what the projection parses), built directly
 * rather than through the write side so that tens of thousands of events
 * take milliseconds: for measuring, not for proving the write rules.
 */
export function largePlanEvents(options: LargePlanOptions): RecordedEvent[] {
  const planId = options.planId ?? 'bigger-2023';
  const fiscalYear = options.fiscalYear ?? 2023;
  const unitCount = options.units ?? 20;
  const through = options.reportedThroughMonth ?? 12;
  const events: RecordedEvent[] = [];
  const versions = new Map<string, number>();
  let minute = 0;
  const push = (streamName: string, event: PlanEvent | IndicatorEvent) => {
    const streamVersion = (versions.get(streamName) ?? 0) + 1;
    versions.set(streamName, streamVersion);
    const n = BigInt(events.length + 1);
    events.push({
      eventId: `00000000-0000-4000-8000-${String(events.length + 1).padStart(12, '0')}`,
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        actor: { id: 'loader@bench' },
        source: 'import',
        requestId: 'bench',
        correlationId: 'bench',
        causationId: 'bench',
        recordedAt: new Date(Date.UTC(fiscalYear, 0, 2) + 60_000 * minute++).toISOString(),
      },
      streamName,
      streamVersion,
      position: { commit: n, prepare: n },
      hash: '0'.repeat(64),
      previousHash: '0'.repeat(64),
    });
  };
  const plan = (event: PlanEvent) => push(planStreamName(planId), event);
  const indicator = (code: string, event: IndicatorEvent) => push(indicatorStreamName(planId, code), event);

  plan({
    type: 'PlanOpened',
    data: {
      planId,
      institutionId: planId.replace(/-\d{4}$/, ''),
      fiscalYear,
      fiscalYearStartMonth: 1,
      name: 'Plan grande',
      perspectives: [
        { code: 'usuarios', name: 'Persona Usuaria' },
        { code: 'financiera', name: 'Financiera' },
        { code: 'procesos', name: 'Procesos Internos' },
      ],
      evaluationScale: { criticalBelow: '85', goodAbove: '99' },
      evaluationMethod: 'v1',
    },
  });
  plan({ type: 'UnitDefined', data: { planId, code: 'U00', name: 'Dirección', parentCode: null, areaClass: 'administrative' } });
  for (let u = 1; u < unitCount; u += 1) {
    plan({
      type: 'UnitDefined',
      data: { planId, code: `U${String(u).padStart(2, '0')}`, name: `Unidad ${u}`, parentCode: 'U00', areaClass: u % 3 === 0 ? 'health' : 'administrative' },
    });
  }

  const codes: { code: string; periodicity: Periodicity }[] = [];
  for (let i = 0; i < options.indicators; i += 1) {
    const code = `IND-${String(i).padStart(4, '0')}`;
    const periodicity = PERIODICITY_MIX[i % PERIODICITY_MIX.length]!;
    const definition: IndicatorDefinition = {
      name: `Indicador ${i}`,
      kind: i % 2 === 0 ? 'result' : 'production',
      perspective: ['usuarios', 'financiera', 'procesos'][i % 3]!,
      unit: `U${String(i % unitCount).padStart(2, '0')}`,
      measure: 'count',
      periodicity,
      polarity: i % 7 === 0 ? 'lower-is-better' : 'higher-is-better',
      accumulation: (['sum', 'last', 'average'] as const)[i % 3]!,
      formula: 'Conteo',
      ...(i % 5 === 0 ? { decimals: 2 } : {}),
    };
    indicator(code, { type: 'IndicatorRegistered', data: { planId, code, definition } });
    codes.push({ code, periodicity });
  }
  for (const { code, periodicity } of codes) {
    for (const period of periodsOf(fiscalYear, periodicity)) {
      indicator(code, { type: 'TargetSet', data: { planId, code, period: formatPeriod(period), value: String(100 + (code.length % 7)) } });
    }
  }
  // Results period by period through the year, as they arrive in practice.
  for (let month = 1; month <= through; month += 1) {
    codes.forEach(({ code, periodicity }, i) => {
      for (const period of periodsOf(fiscalYear, periodicity)) {
        if (periodEndMonth(period) !== month) continue;
        const id = formatPeriod(period);
        const value = String(70 + ((i * 7 + month * 13) % 45));
        indicator(code, { type: 'ResultReported', data: { planId, code, period: id, value } });
        if (i % 10 === month % 10) {
          indicator(code, { type: 'TargetRevised', data: { planId, code, period: id, value: '95.5', previousValue: '100' } });
          indicator(code, { type: 'ResultCorrected', data: { planId, code, period: id, value: `${value}.25`, previousValue: value } });
        }
        if (i % 20 === month % 20) {
          indicator(code, {
            type: 'JustificationAdded',
            data: { planId, code, period: id, justificationNumber: month, text: `Justificación ${month}`, correctiveActions: [] },
          });
        }
      }
    });
  }
  return events;
}
