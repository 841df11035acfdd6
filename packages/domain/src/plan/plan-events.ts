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

/** `previousName` as it was, for the audit trail; the reason is the command's, in the event's metadata. */
export const perspectiveRenamedSchema = z.object({
  type: z.literal('PerspectiveRenamed'),
  data: z.object({ planId: z.string(), code: codeSchema, name: textSchema(200), previousName: textSchema(200) }),
});
export type PerspectiveRenamed = z.infer<typeof perspectiveRenamedSchema>;

export const perspectiveRetiredSchema = z.object({
  type: z.literal('PerspectiveRetired'),
  data: z.object({ planId: z.string(), code: codeSchema }),
});
export type PerspectiveRetired = z.infer<typeof perspectiveRetiredSchema>;

export const unitRenamedSchema = z.object({
  type: z.literal('UnitRenamed'),
  data: z.object({ planId: z.string(), code: codeSchema, name: textSchema(300), previousName: textSchema(300) }),
});
export type UnitRenamed = z.infer<typeof unitRenamedSchema>;

/** `parentCode` null: a top-level unit now; `previousParentCode` as it was, for the audit trail. */
export const unitMovedSchema = z.object({
  type: z.literal('UnitMoved'),
  data: z.object({ planId: z.string(), code: codeSchema, parentCode: codeSchema.nullable(), previousParentCode: codeSchema.nullable() }),
});
export type UnitMoved = z.infer<typeof unitMovedSchema>;

export const unitRetiredSchema = z.object({
  type: z.literal('UnitRetired'),
  data: z.object({ planId: z.string(), code: codeSchema }),
});
export type UnitRetired = z.infer<typeof unitRetiredSchema>;

export const planEventSchema = z.discriminatedUnion('type', [
  planOpenedSchema,
  perspectiveAddedSchema,
  unitDefinedSchema,
  evaluationScaleChangedSchema,
  dataEntryWindowSetSchema,
  numberFormatChosenSchema,
  perspectiveRenamedSchema,
  perspectiveRetiredSchema,
  unitRenamedSchema,
  unitMovedSchema,
  unitRetiredSchema,
]);
export type PlanEvent = z.infer<typeof planEventSchema>;
export const PLAN_EVENT_TYPES = [
  'PlanOpened',
  'PerspectiveAdded',
  'UnitDefined',
  'EvaluationScaleChanged',
  'DataEntryWindowSet',
  'NumberFormatChosen',
  'PerspectiveRenamed',
  'PerspectiveRetired',
  'UnitRenamed',
  'UnitMoved',
  'UnitRetired',
] as const;
