import { DomainError } from '../shared/domain-error.js';

/**
 * An exact fraction. Always reduced with a positive denominator, so two equal
 * values have equal fields and `compareRational` needs no division.
 */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

export function rational(numerator: bigint, denominator: bigint): Rational {
  if (denominator === 0n) {
    throw new DomainError('DIVISION_BY_ZERO', 'a fraction cannot have a zero denominator', {
      numerator: numerator.toString(),
    });
  }
  if (numerator === 0n) return ZERO;
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = greatestCommonDivisor(numerator, denominator);
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
}

export const ZERO: Rational = Object.freeze({ numerator: 0n, denominator: 1n });
export const ONE: Rational = Object.freeze({ numerator: 1n, denominator: 1n });
export const HUNDRED: Rational = Object.freeze({ numerator: 100n, denominator: 1n });

export function addRational(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function subtractRational(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}

export function multiplyRational(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function divideRational(a: Rational, b: Rational): Rational {
  if (b.numerator === 0n) {
    throw new DomainError('DIVISION_BY_ZERO', 'cannot divide by zero', {
      dividend: `${a.numerator}/${a.denominator}`,
    });
  }
  return rational(a.numerator * b.denominator, a.denominator * b.numerator);
}

export function compareRational(a: Rational, b: Rational): -1 | 0 | 1 {
  // Denominators are positive, so cross-multiplying keeps the order.
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isZero(r: Rational): boolean {
  return r.numerator === 0n;
}
