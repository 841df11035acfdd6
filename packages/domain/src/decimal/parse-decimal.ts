import { DomainError } from '../shared/domain-error.js';
import { DECIMAL_PATTERN, DECIMAL_STRING_MESSAGE } from './decimal-string.js';
import { compareRational, rational, type Rational } from './rational.js';

export function parseDecimal(value: string): Rational {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    throw new DomainError('MALFORMED_DECIMAL', `${JSON.stringify(value) ?? String(value)} ${DECIMAL_STRING_MESSAGE}`, {
      value,
    });
  }
  const [integerPart = '', fractionPart = ''] = value.split('.');
  return rational(BigInt(integerPart + fractionPart), 10n ** BigInt(fractionPart.length));
}

/** "1.50" and "1.5" are the same value: compare values, never spellings. */
export function decimalEquals(a: string, b: string): boolean {
  return compareRational(parseDecimal(a), parseDecimal(b)) === 0;
}
