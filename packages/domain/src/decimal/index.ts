export {
  DECIMAL_PATTERN,
  SIGNED_DECIMAL_PATTERN,
  decimalStringSchema,
  isDecimalString,
  isSignedDecimalString,
  signedDecimalStringSchema,
} from './decimal-string.js';
export {
  HUNDRED,
  ONE,
  ZERO,
  addRational,
  compareRational,
  divideRational,
  isZero,
  multiplyRational,
  rational,
  subtractRational,
  type Rational,
} from './rational.js';
export { assertDecimal, decimalEquals, parseDecimal } from './parse-decimal.js';
export { sumDecimals } from './sum-decimals.js';
export { formatRationalHalfUp, rationalToExactString } from './format-rational.js';
