import { addRational, isZero, rational, subtractRational, type Rational } from '../decimal/index.js';
import { statusForPercent, type EvaluationScale } from './evaluation-scale.js';
import type { Polarity } from './polarity.js';
import type { Status } from './status.js';

/** `percent` is exact; null when the rules judge without a ratio (a zero target, or a result at or below zero under a positive ceiling). */
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
 * DOMAIN.md, "Compliance and status". A positive target: higher-is-better
 * result / target × 100, lower-is-better target / result × 100. A negative
 * target T: the distance from it in units of |T|, 100 × (1 + (R − T) / |T|)
 * when higher is better, 100 × (1 + (T − R) / |T|) when lower is. Where a
 * ratio would divide by zero or by a sign that makes it meaningless, a rule
 * judges instead (percent null), so this never throws for any values:
 * - target 0: higher-is-better good when the result is ≥ 0, else critical;
 *   lower-is-better good when the result is ≤ 0, else critical;
 * - positive target, lower-is-better, result ≤ 0: good (better than any ceiling).
 * A negative percent is critical whatever the scale says.
 * For non-negative values these are the rules from before signed values
 * (a zero target or result was the only edge): no earlier answer changes.
 */
export function evaluateCompliance({ polarity, target, result, scale }: ComplianceInput): Compliance {
  return evaluateComplianceBy(polarity, target, result, (percent) => statusForPercent(percent, scale));
}

/**
 * `evaluateCompliance` with the scale's judgement passed in, so that a plan's
 * evaluation checks and parses its scale once rather than once per indicator.
 */
export function evaluateComplianceBy(polarity: Polarity, target: Rational, result: Rational, statusFor: (percent: Rational) => Status): Compliance {
  const higherIsBetter = polarity === 'higher-is-better';
  if (isZero(target)) {
    const met = higherIsBetter ? result.numerator >= 0n : result.numerator <= 0n;
    return { percent: null, status: met ? 'good' : 'critical' };
  }
  if (target.numerator < 0n) {
    const ahead = higherIsBetter ? subtractRational(result, target) : subtractRational(target, result);
    return judged(distancePercent(ahead, target), statusFor);
  }
  if (higherIsBetter) return judged(percentOf(result, target), statusFor);
  if (result.numerator <= 0n) return { percent: null, status: 'good' };
  return judged(percentOf(target, result), statusFor);
}

/** part / whole × 100, reduced once (a reduced fraction is unique: the same value as dividing, then multiplying). */
function percentOf(part: Rational, whole: Rational): Rational {
  return rational(part.numerator * whole.denominator * 100n, part.denominator * whole.numerator);
}

/** 100 × (1 + ahead / |target|) = 100 × (|target| + ahead) / |target|, for a negative target. */
function distancePercent(ahead: Rational, target: Rational): Rational {
  const magnitude = rational(-target.numerator, target.denominator);
  return percentOf(addRational(magnitude, ahead), magnitude);
}

function judged(percent: Rational, statusFor: (percent: Rational) => Status): Compliance {
  // A scale's bounds are non-negative, so this only says outright what the scale would say.
  return { percent, status: percent.numerator < 0n ? 'critical' : statusFor(percent) };
}
