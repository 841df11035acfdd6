import type { WriteResult, WriteSide } from '@semaforo/commands';
import { AREA_CLASSES, numberFormatSchema, perspectiveSchema, planStream, type OpenPlanState, type PlanPerspective, type Unit } from '@semaforo/domain';
import { formatETag } from '@semaforo/http';
import { z } from 'zod';
import { planNotFound } from '../shared/plan-not-found.js';
import { toWriteOutcome, writeOutcomeSchema } from '../shared/write-outcome.js';

const decimal = z.string().describe('A non-negative decimal written as a string, e.g. `"85"`.');

export const unitViewSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    parentCode: z.string().nullable().describe('The unit above this one; null for a top-level unit.'),
    areaClass: z.enum(AREA_CLASSES),
    retired: z.literal(true).optional().describe('Only once retired (`POST …/units/{code}/retirement`).'),
  })
  .meta({ id: 'Unit' });

export const perspectiveViewSchema = perspectiveSchema
  .extend({ retired: z.literal(true).optional().describe('Only once retired (`POST …/perspectives/{code}/retirement`).') })
  .meta({ id: 'Perspective' });

// `retired` only when true: the answer for a unit or perspective that never retired keeps its bytes.
export const toUnitView = ({ code, name, parentCode, areaClass, retired }: Unit) => ({
  code,
  name,
  parentCode,
  areaClass,
  ...(retired === true ? { retired } : {}),
});

export const toPerspectiveView = ({ code, name, retired }: PlanPerspective) => ({ code, name, ...(retired === true ? { retired } : {}) });

const planFields = z.object({
  planId: z.string().describe('`<institution>-<fiscal year>`: the id in every URL of the plan.'),
  institutionId: z.string(),
  fiscalYear: z.number().int(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).describe('The calendar month fiscal month 1 is.'),
  name: z.string(),
  perspectives: z.array(perspectiveViewSchema).describe('In the order they were defined, retired ones too.'),
  units: z.array(unitViewSchema).describe('Sorted by code, retired ones too.'),
  evaluationScale: z
    .object({ criticalBelow: decimal, goodAbove: decimal })
    .describe('Critical below `criticalBelow` %, good above `goodAbove` %, regular in between (inclusive).'),
  evaluationMethod: z.string().describe('The version of the evaluation method this plan is evaluated with.'),
  numberFormat: numberFormatSchema
    .optional()
    .describe(
      'How its documents write numbers, once the plan has chosen (`PUT …/number-format`). Absent: the default, ' +
        '`{"decimalSeparator":".","thousandsSeparator":",","percentStyle":"attached","currencySymbol":"$"}` (`1,219`, `99.6%`).',
    ),
  version: z.number().int().min(1).describe("The plan stream's version; the `ETag` is this number, quoted."),
});

export const planViewSchema = planFields.meta({ id: 'Plan', description: 'A plan as its events say it is now.' });
export type PlanView = z.output<typeof planViewSchema>;

export const planWriteAnswerSchema = planFields
  .extend({ write: writeOutcomeSchema })
  .meta({ id: 'PlanWriteAnswer', description: 'The plan right after the write, and what the write did (`write`).' });

export const toPlanView = (plan: OpenPlanState, version: number): PlanView => ({
  planId: plan.planId,
  institutionId: plan.institutionId,
  fiscalYear: plan.fiscalYear,
  fiscalYearStartMonth: plan.fiscalYearStartMonth,
  name: plan.name,
  perspectives: plan.perspectives.map(toPerspectiveView),
  // Sorted by code: object key order is not definition order for codes
  // that look like numbers, and a stable order keeps answers comparable.
  units: Object.values(plan.units)
    .map(toUnitView)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  evaluationScale: { ...plan.evaluationScale },
  evaluationMethod: plan.evaluationMethod,
  // Only once chosen: the answer for a plan that never chose keeps its bytes.
  ...(plan.numberFormat === undefined ? {} : { numberFormat: { ...plan.numberFormat } }),
  version,
});

/** The plan now, or 404 `PLAN_NOT_FOUND`. */
export async function readOpenPlan(writeSide: WriteSide, planId: string): Promise<{ plan: OpenPlanState; version: number }> {
  const { state, version } = await writeSide.read(planStream(planId));
  if (state.status !== 'open') throw planNotFound(planId);
  return { plan: state, version };
}

/** The body and ETag of a plan write's answer: the plan right after the write, and the write. */
export async function planWriteAnswer(writeSide: WriteSide, planId: string, result: WriteResult) {
  const { plan, version } = await readOpenPlan(writeSide, planId);
  return { etag: formatETag(version), body: { ...toPlanView(plan, version), write: toWriteOutcome(result) } };
}
