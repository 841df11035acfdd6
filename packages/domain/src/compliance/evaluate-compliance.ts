import { compareRational, isZero, rational, ZERO, type Rational } from '../decimal/index.js';
import { statusForPercent, type EvaluationScale } from './evaluation-scale.js';
import type { Polarity } from './polarity.js';
import type { Status } from './status.js';

/** `percent` is exact; null when the rules judge without a ratio (a zero target or a zero result). */
export interface Compliance {
  readonly percent: Rational | null;
  readonly status: Status;
}

export interface ComplianceInput {
  readonly polarity: Polarity;
  readonly target: Rational;
  readonly result: Rational;
  readonly scale: EvaluationScale;
}

/**
 * higher-is-better: result / target × 100; lower-is-better: target / result × 100.
 * A zero on the dividing side is judged by rule instead of divided by, so this
 * never throws for any values:
 * - target 0, higher-is-better: good (nothing was asked);
 * - target 0, lower-is-better: good only when the result is 0 too, else critical;
 * - result 0, lower-is-better: good when the target is positive (the best
 *   possible result). Values come from non-negative decimals; a negative
 *   ceiling with a zero result is above the ceiling, so critical.
 */
export function evaluateCompliance({ polarity, target, result, scale }: ComplianceInput): Compliance {
  return evaluateComplianceBy(polarity, target, result, (percent) => statusForPercent(percent, scale));
}

/**
 * `evaluateCompliance` with the scale's judgement passed in, so that a plan's
 * evaluation checks and parses its scale once rather than once per indicator.
 */
export function evaluateComplianceBy(polarity: Polarity, target: Rational, result: Rational, statusFor: (percent: Rational) => Status): Compliance {
  if (polarity === 'higher-is-better') {
    if (isZero(target)) return { percent: null, status: 'good' };
    return judged(percentOf(result, target), statusFor);
  }
  if (isZero(target)) return { percent: null, status: isZero(result) ? 'good' : 'critical' };
  if (isZero(result)) return { percent: null, status: compareRational(target, ZERO) > 0 ? 'good' : 'critical' };
  return judged(percentOf(target, result), statusFor);
}

/** part / whole × 100, reduced once (a reduced fraction is unique: the same value as dividing, then multiplying). */
function percentOf(part: Rational, whole: Rational): Rational {
  return rational(part.numerator * whole.denominator * 100n, part.denominator * whole.numerator);
}

function judged(percent: Rational, statusFor: (percent: Rational) => Status): Compliance {
  return { percent, status: statusFor(percent) };
}
