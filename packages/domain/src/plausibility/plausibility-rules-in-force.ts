import type { Measure } from '../indicator/indicator-definition.js';
import type { PlausibilityRules } from './plausibility-rules.js';

/**
 * The rules an indicator's results are checked against: the ones set, or
 * the defaults when none ever were. A percent is between 0 and 100, but only
 * as a warning: over-achievement above 100 % is a legitimate result in these
 * plans (and a negative growth rate is real). A result given with its
 * numerator and denominator should be their quotient (× 100 for a percent).
 */
export const defaultPlausibilityRules = (measure: Measure): PlausibilityRules =>
  measure === 'percent'
    ? { minimum: { value: '0', level: 'warn' }, maximum: { value: '100', level: 'warn' }, ratioCheck: { scale: '100', level: 'warn' } }
    : { ratioCheck: { scale: '1', level: 'warn' } };

export const plausibilityRulesInForce = (measure: Measure, set: PlausibilityRules | undefined): PlausibilityRules => set ?? defaultPlausibilityRules(measure);
