import { z } from 'zod';
import { evaluationScaleSchema } from '../compliance/index.js';
import { periodicitySchema } from '../period/index.js';
import type { Message } from '../shared/message.js';
import { codeSchema, institutionIdSchema, reasonSchema, textSchema } from '../shared/text.js';
import { numberFormatSchema } from './number-format.js';
import { areaClassSchema, perspectiveSchema } from './plan-vocabulary.js';

export const openPlanDataSchema = z.object({
  institutionId: institutionIdSchema,
  fiscalYear: z.number().int().min(2000).max(2100),
  /** Fiscal month 1 is this calendar month; calendar year (1) unless configured. */
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  name: textSchema(300),
  perspectives: z.array(perspectiveSchema).min(1, { message: 'a plan needs at least one perspective' }).max(50),
  /** The default is the scale of DOMAIN.md: critical below 85 %, good above 99 %. */
  evaluationScale: evaluationScaleSchema.optional(),
});
export type OpenPlan = Message<'OpenPlan', z.infer<typeof openPlanDataSchema>>;

export const addPerspectiveDataSchema = perspectiveSchema;
export type AddPerspective = Message<'AddPerspective', z.infer<typeof addPerspectiveDataSchema>>;

export const defineUnitDataSchema = z.object({
  code: codeSchema,
  name: textSchema(300),
  /** The unit above this one (division → unit → department); omit for a top-level unit. */
  parentCode: codeSchema.optional(),
  areaClass: areaClassSchema,
});
export type DefineUnit = Message<'DefineUnit', z.infer<typeof defineUnitDataSchema>>;

export const changeEvaluationScaleDataSchema = z.object({ evaluationScale: evaluationScaleSchema });
export type ChangeEvaluationScale = Message<'ChangeEvaluationScale', z.infer<typeof changeEvaluationScaleDataSchema>>;

/** At most ten years: a bound that catches a typo (days given as hours) and keeps dates in range. */
export const MAX_DATA_ENTRY_DAYS = 3660;

export const setDataEntryWindowDataSchema = z.object({
  periodicity: periodicitySchema,
  /** Results of a period are accepted until this many days after it ends; null: no window (the default). */
  days: z.number().int().min(0).max(MAX_DATA_ENTRY_DAYS).nullable(),
});
export type SetDataEntryWindow = Message<'SetDataEntryWindow', z.infer<typeof setDataEntryWindowDataSchema>>;

export const chooseNumberFormatDataSchema = z.object({ numberFormat: numberFormatSchema });
export type ChooseNumberFormat = Message<'ChooseNumberFormat', z.infer<typeof chooseNumberFormatDataSchema>>;

export const renamePerspectiveDataSchema = z.object({ code: codeSchema, name: textSchema(200), reason: reasonSchema });
export type RenamePerspective = Message<'RenamePerspective', z.infer<typeof renamePerspectiveDataSchema>>;

export const retirePerspectiveDataSchema = z.object({ code: codeSchema, reason: reasonSchema });
export type RetirePerspective = Message<'RetirePerspective', z.infer<typeof retirePerspectiveDataSchema>>;

export const renameUnitDataSchema = z.object({ code: codeSchema, name: textSchema(300), reason: reasonSchema });
export type RenameUnit = Message<'RenameUnit', z.infer<typeof renameUnitDataSchema>>;

export const moveUnitDataSchema = z.object({
  code: codeSchema,
  /** The unit it goes under; null makes it a top-level unit. */
  parentCode: codeSchema.nullable(),
  reason: reasonSchema,
});
export type MoveUnit = Message<'MoveUnit', z.infer<typeof moveUnitDataSchema>>;

/**
 * A new name, a new parent, or both at once (what `PATCH …/units/{code}` asks): decided as `RenameUnit` then
 * `MoveUnit`, so one request appends both events or neither.
 */
export const changeUnitDataSchema = z.object({
  code: codeSchema,
  name: textSchema(300).optional(),
  parentCode: codeSchema.nullable().optional(),
  reason: reasonSchema,
});
export type ChangeUnit = Message<'ChangeUnit', z.infer<typeof changeUnitDataSchema>>;

export const retireUnitDataSchema = z.object({ code: codeSchema, reason: reasonSchema });
export type RetireUnit = Message<'RetireUnit', z.infer<typeof retireUnitDataSchema>>;

export type PlanCommand =
  | OpenPlan
  | AddPerspective
  | DefineUnit
  | ChangeEvaluationScale
  | SetDataEntryWindow
  | ChooseNumberFormat
  | RenamePerspective
  | RetirePerspective
  | RenameUnit
  | MoveUnit
  | ChangeUnit
  | RetireUnit;
