import {
  compareRational,
  divideRational,
  HUNDRED,
  isZero,
  multiplyRational,
  ZERO,
  type Rational,
} from '../decimal/index.js';
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
  if (polarity === 'higher-is-better') {
    if (isZero(target)) return { percent: null, status: 'good' };
    return judged(multiplyRational(divideRational(result, target), HUNDRED), scale);
  }
  if (isZero(target)) return { percent: null, status: isZero(result) ? 'good' : 'critical' };
  if (isZero(result)) return { percent: null, status: compareRational(target, ZERO) > 0 ? 'good' : 'critical' };
  return judged(multiplyRational(divideRational(target, result), HUNDRED), scale);
}

function judged(percent: Rational, scale: EvaluationScale): Compliance {
  return { percent, status: statusForPercent(percent, scale) };
}
