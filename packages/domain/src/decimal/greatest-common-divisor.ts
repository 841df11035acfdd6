/** Of two safe non-negative integers, by Euclid: the number fast paths reduce fractions without BigInt. */
export function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}
