import { compareRational, decimalEquals, divideRational, formatRationalHalfUp, isZero, multiplyRational, parseDecimal } from '../decimal/index.js';
import type { PlausibilityLevel, PlausibilityRuleName, PlausibilityRules } from './plausibility-rules.js';

/** A rule a result breaks, at the rule's level. */
export interface PlausibilityFinding {
  readonly rule: PlausibilityRuleName;
  readonly level: PlausibilityLevel;
  readonly bound?: string;
  readonly expected?: string;
  readonly scale?: string;
}

export interface ReportedFigures {
  readonly value: string;
  readonly numerator?: string;
  readonly denominator?: string;
}

/**
 * Every rule the figures break, in the rules' order (minimum, maximum,
 * ratio). Exact: bounds compare as fractions; the quotient is rounded
 * half-up to the result's own decimals, or to the indicator's display
 * decimals when those are more (a percent shown with one decimal is not
 * plausible as "98" when the parts make 97.56), and must then equal it.
 * A zero denominator has no quotient, so the ratio check fails rather than
 * dividing.
 */
export const checkPlausibility = (rules: PlausibilityRules, figures: ReportedFigures, displayDecimals: number | undefined): PlausibilityFinding[] => {
  const findings: PlausibilityFinding[] = [];
  const value = parseDecimal(figures.value);
  const { minimum, maximum, ratioCheck } = rules;
  if (minimum !== undefined && compareRational(value, parseDecimal(minimum.value)) < 0) {
    findings.push({ rule: 'minimum', level: minimum.level, bound: minimum.value });
  }
  if (maximum !== undefined && compareRational(value, parseDecimal(maximum.value)) > 0) {
    findings.push({ rule: 'maximum', level: maximum.level, bound: maximum.value });
  }
  const { numerator, denominator } = figures;
  if (ratioCheck !== undefined && numerator !== undefined && denominator !== undefined) {
    const parts = parseDecimal(denominator);
    if (isZero(parts)) {
      findings.push({ rule: 'ratioCheck', level: ratioCheck.level, scale: ratioCheck.scale });
    } else {
      const quotient = multiplyRational(divideRational(parseDecimal(numerator), parts), parseDecimal(ratioCheck.scale));
      const expected = formatRationalHalfUp(quotient, Math.max(decimalsOf(figures.value), displayDecimals ?? 0));
      if (!decimalEquals(expected, figures.value)) {
        findings.push({ rule: 'ratioCheck', level: ratioCheck.level, expected, scale: ratioCheck.scale });
      }
    }
  }
  return findings;
};

const decimalsOf = (value: string): number => {
  const point = value.indexOf('.');
  return point < 0 ? 0 : value.length - point - 1;
};
