import type { CriticalIndicator, IndicatorEvaluation } from './evaluation.js';
import type { IndicatorFacts } from './plan-facts.js';

/**
 * The critical indicators with the justifications that speak to this
 * evaluation. A justification counts when its period is the reporting
 * period itself (a Q2 report justified "for 2023-Q2") or a period of the
 * indicator's own periodicity that ends inside the window (a monthly one
 * justified for 2023-M05 in a Q2 report). One written for a period after the
 * window, or for a coarser period that has not ended (2023-S1 in a Q1
 * report), does not. Latest first (by justification number): the newest
 * explanation and actions are the ones a reader acts on; earlier ones follow
 * as history.
 */
export function criticalIndicators(
  rows: readonly IndicatorEvaluation[],
  factsByCode: ReadonlyMap<string, IndicatorFacts>,
  reportingPeriod: string,
): CriticalIndicator[] {
  return rows
    .filter((row) => row.status === 'critical')
    .map((row) => {
      const periods = new Set([reportingPeriod, ...row.periods.map((figures) => figures.period)]);
      const justifications = (factsByCode.get(row.code)?.justifications ?? [])
        .filter((justification) => periods.has(justification.period))
        .sort((a, b) => b.justificationNumber - a.justificationNumber)
        .map(({ period, justificationNumber, text, reserved, correctiveActions, recordedAt, actorId }) => ({
          period,
          justificationNumber,
          text,
          ...(reserved === true ? { reserved } : {}),
          correctiveActions: correctiveActions.map(({ action, owner, dueDate, reserved: actionReserved }) => ({
            action,
            owner,
            dueDate,
            ...(actionReserved === true ? { reserved: actionReserved } : {}),
          })),
          recordedAt,
          actorId,
        }));
      return { code: row.code, name: row.name, justifications, hasJustification: justifications.length > 0 };
    });
}
