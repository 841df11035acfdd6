import { z } from 'zod';
import { evaluationScaleSchema } from '../compliance/index.js';
import { periodicitySchema } from '../period/index.js';
import { codeSchema, institutionIdSchema, textSchema } from '../shared/text.js';
import { numberFormatSchema } from './number-format.js';
import { areaClassSchema, perspectiveSchema } from './plan-vocabulary.js';

/**
 * How evaluations of this plan are computed. Recorded when the plan opens so
 * that a future change of method in code never changes an old plan's answer:
 * an evaluator reads the version from the events and applies that method.
 */
export const EVALUATION_METHOD_VERSION = 'v1';

export const planOpenedSchema = z.object({
  type: z.literal('PlanOpened'),
  data: z.object({
    planId: z.string(),
    institutionId: institutionIdSchema,
    fiscalYear: z.number().int(),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    name: textSchema(300),
    perspectives: z.array(perspectiveSchema),
    evaluationScale: evaluationScaleSchema,
    evaluationMethod: z.string(),
  }),
});
export type PlanOpened = z.infer<typeof planOpenedSchema>;

export const perspectiveAddedSchema = z.object({
  type: z.literal('PerspectiveAdded'),
  data: z.object({ planId: z.string(), perspective: perspectiveSchema }),
});
export type PerspectiveAdded = z.infer<typeof perspectiveAddedSchema>;

export const unitDefinedSchema = z.object({
  type: z.literal('UnitDefined'),
  data: z.object({
    planId: z.string(),
    code: codeSchema,
    name: textSchema(300),
    parentCode: codeSchema.nullable(),
    areaClass: areaClassSchema,
  }),
});
export type UnitDefined = z.infer<typeof unitDefinedSchema>;

export const evaluationScaleChangedSchema = z.object({
  type: z.literal('EvaluationScaleChanged'),
  data: z.object({ planId: z.string(), evaluationScale: evaluationScaleSchema, previousEvaluationScale: evaluationScaleSchema }),
});
export type EvaluationScaleChanged = z.infer<typeof evaluationScaleChangedSchema>;

/** `days` null: the periodicity has no window any more; `previousDays` as it was, for the audit trail. */
export const dataEntryWindowSetSchema = z.object({
  type: z.literal('DataEntryWindowSet'),
  data: z.object({
    planId: z.string(),
    periodicity: periodicitySchema,
    days: z.number().int().min(0).nullable(),
    previousDays: z.number().int().min(0).nullable(),
  }),
});
export type DataEntryWindowSet = z.infer<typeof dataEntryWindowSetSchema>;

/** `previousNumberFormat`: the one in force before, `DEFAULT_NUMBER_FORMAT` when none had been chosen. */
export const numberFormatChosenSchema = z.object({
  type: z.literal('NumberFormatChosen'),
  data: z.object({ planId: z.string(), numberFormat: numberFormatSchema, previousNumberFormat: numberFormatSchema }),
});
export type NumberFormatChosen = z.infer<typeof numberFormatChosenSchema>;

export const planEventSchema = z.discriminatedUnion('type', [
  planOpenedSchema,
  perspectiveAddedSchema,
  unitDefinedSchema,
  evaluationScaleChangedSchema,
  dataEntryWindowSetSchema,
  numberFormatChosenSchema,
]);
export type PlanEvent = z.infer<typeof planEventSchema>;
export const PLAN_EVENT_TYPES = ['PlanOpened', 'PerspectiveAdded', 'UnitDefined', 'EvaluationScaleChanged', 'DataEntryWindowSet', 'NumberFormatChosen'] as const;
