import type { WriteResult, WriteSide } from '@semaforo/commands';
import {
  comparePeriods,
  DomainError,
  indicatorDefinitionSchema,
  indicatorStream,
  parsePeriod,
  planStream,
  plausibilityWarningSchema,
  type RegisteredIndicatorState,
} from '@semaforo/domain';
import { formatETag } from '@semaforo/http';
import { z } from 'zod';
import { toWriteOutcome, writeOutcomeSchema } from '../shared/write-outcome.js';
import { planNotFound } from '../shared/plan-not-found.js';

const decimal = z.string().describe('A decimal written as a string, negative when the figure is (a financial gap), e.g. `"6138"`, `"-375123611"`.');

const resultViewSchema = z.discriminatedUnion('kind', [
  z.object({
    period: z.string(),
    kind: z.literal('value'),
    value: decimal,
    numerator: decimal.optional(),
    denominator: decimal.optional(),
    warnings: z
      .array(plausibilityWarningSchema)
      .optional()
      .describe('The plausibility rules at level `warn` the result broke when it was written (see `…/plausibility-rules`); absent when none.'),
  }),
  z.object({ period: z.string(), kind: z.literal('no-data').describe('Reported explicitly as "no data", with a reason.') }),
]);

const indicatorFields = z.object({
  planId: z.string(),
  code: z.string(),
  status: z.enum(['active', 'retired']).describe('A retired indicator takes no more targets, results or amendments.'),
  definition: indicatorDefinitionSchema,
  targets: z.array(z.object({ period: z.string(), value: decimal })).describe('The current target of each period, in period order.'),
  results: z.array(resultViewSchema).describe('The current result of each period, in period order.'),
  justificationCount: z.number().int().min(0).describe('Justifications added so far, all periods together.'),
  version: z.number().int().min(1).describe("The indicator stream's version; the `ETag` is this number, quoted."),
});

export const indicatorViewSchema = indicatorFields.meta({
  id: 'Indicator',
  description: 'An indicator as its events say it is now: definition, targets, results. Revisions and corrections are in its events.',
});
export type IndicatorView = z.output<typeof indicatorViewSchema>;

export const indicatorWriteAnswerSchema = indicatorFields
  .extend({ write: writeOutcomeSchema })
  .meta({ id: 'IndicatorWriteAnswer', description: 'The indicator right after the write, and what the write did (`write`).' });

const byPeriod = (a: { period: string }, b: { period: string }): number => comparePeriods(parsePeriod(a.period), parsePeriod(b.period));

export const toIndicatorView = (indicator: RegisteredIndicatorState, version: number): IndicatorView => ({
  planId: indicator.planId,
  code: indicator.code,
  status: indicator.status,
  definition: indicator.definition,
  targets: Object.entries(indicator.targets)
    .map(([period, value]) => ({ period, value }))
    .sort(byPeriod),
  results: Object.entries(indicator.results)
    .map(([period, entry]) =>
      entry.kind === 'value'
        ? {
            period,
            kind: 'value' as const,
            value: entry.value,
            ...(entry.numerator === undefined ? {} : { numerator: entry.numerator }),
            ...(entry.denominator === undefined ? {} : { denominator: entry.denominator }),
            ...(entry.warnings === undefined ? {} : { warnings: [...entry.warnings] }),
          }
        : { period, kind: 'no-data' as const },
    )
    .sort(byPeriod),
  justificationCount: indicator.justificationCount,
  version,
});

/** The indicator now, or 404: `PLAN_NOT_FOUND` when the plan itself is missing, else `INDICATOR_NOT_FOUND`. */
export async function readRegisteredIndicator(
  writeSide: WriteSide,
  planId: string,
  code: string,
): Promise<{ indicator: RegisteredIndicatorState; version: number }> {
  const { state, version } = await writeSide.read(indicatorStream(planId, code));
  if (state.status === 'absent') throw await indicatorNotFound(writeSide, planId, code);
  return { indicator: state, version };
}

export async function indicatorNotFound(writeSide: WriteSide, planId: string, code: string): Promise<DomainError> {
  const plan = await writeSide.read(planStream(planId));
  if (plan.state.status !== 'open') return planNotFound(planId);
  return new DomainError('INDICATOR_NOT_FOUND', `The plan ${planId} has no indicator ${code}.`, { planId, code });
}

/**
 * The body and ETag of an indicator write's answer: the indicator right after the write, and the write.
 * After an append, the write side's cache holds exactly that state: no second query per write.
 */
export async function indicatorWriteAnswer(writeSide: WriteSide, planId: string, code: string, result: WriteResult) {
  const { state: indicator, version } = await writeSide.readAfter(indicatorStream(planId, code), result);
  if (indicator.status === 'absent') throw await indicatorNotFound(writeSide, planId, code);
  return { etag: formatETag(version), body: { ...toIndicatorView(indicator, version), write: toWriteOutcome(result) } };
}
