import { z } from 'zod';
import { compareRational, decimalStringSchema, isDecimalString, parseDecimal, type Rational } from '../decimal/index.js';
import { DomainError } from '../shared/domain-error.js';
import type { Status } from './status.js';

/**
 * A plan's traffic light, in percent of compliance: `critical` below
 * `criticalBelow`, `regular` from `criticalBelow` to `goodAbove` inclusive,
 * `good` above `goodAbove`.
 */
export interface EvaluationScale {
  readonly criticalBelow: string;
  readonly goodAbove: string;
}

/** The scale of the institutions in the seeds: critical < 85 % ≤ regular ≤ 99 % < good. */
export const DEFAULT_EVALUATION_SCALE: EvaluationScale = Object.freeze({ criticalBelow: '85', goodAbove: '99' });

const SCALE_ORDER_MESSAGE = 'criticalBelow must not be greater than goodAbove';

function isOrdered(scale: EvaluationScale): boolean {
  // A malformed bound is already reported by its own field; do not report it twice.
  if (!isDecimalString(scale.criticalBelow) || !isDecimalString(scale.goodAbove)) return true;
  return compareRational(parseDecimal(scale.criticalBelow), parseDecimal(scale.goodAbove)) <= 0;
}

export const evaluationScaleSchema = z
  .object({ criticalBelow: decimalStringSchema, goodAbove: decimalStringSchema })
  .refine(isOrdered, { error: SCALE_ORDER_MESSAGE, path: ['goodAbove'] });

export function assertEvaluationScale(scale: unknown): asserts scale is EvaluationScale {
  const parsed = evaluationScaleSchema.safeParse(scale);
  if (!parsed.success) {
    throw new DomainError('INVALID_EVALUATION_SCALE', `not an evaluation scale: ${z.prettifyError(parsed.error)}`, {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    });
  }
}

/** A scale checked, with its bounds parsed: for judging many percentages against one scale. */
export interface ScaleBounds {
  readonly criticalBelow: Rational;
  readonly goodAbove: Rational;
}

export function scaleBounds(scale: EvaluationScale): ScaleBounds {
  assertEvaluationScale(scale);
  return { criticalBelow: parseDecimal(scale.criticalBelow), goodAbove: parseDecimal(scale.goodAbove) };
}

/** Decided on the exact ratio: 98.999…% is regular, never rounded up to good. */
export function statusForPercent(percent: Rational, scale: EvaluationScale): Status {
  return statusWithin(percent, scaleBounds(scale));
}

export function statusWithin(percent: Rational, bounds: ScaleBounds): Status {
  if (compareRational(percent, bounds.criticalBelow) < 0) return 'critical';
  if (compareRational(percent, bounds.goodAbove) > 0) return 'good';
  return 'regular';
}
