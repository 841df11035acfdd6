/**
 * A number as a spreadsheet stores it in its XML (`0.1`, `1E-3`,
 * `1.2345E+20`, `-5`) to a plain decimal string, by moving the point in the
 * text: never through a JavaScript number, whose shortest spelling can
 * differ from what the file held beyond 15 significant digits.
 */
export function exactDecimalOfNumberText(raw: string): string | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw.trim());
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return undefined;
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let integer: string;
  let decimals: string;
  if (point <= 0) {
    integer = '0';
    decimals = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    integer = digits + '0'.repeat(point - digits.length);
    decimals = '';
  } else {
    integer = digits.slice(0, point);
    decimals = digits.slice(point);
  }
  return canonicalDecimal(sign === '-', integer, decimals);
}

/** Leading zeros of the integer part and trailing zeros of the fraction go: one spelling per value read from a file. */
export function canonicalDecimal(negative: boolean, integer: string, decimals: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '') || '0';
  const fraction = decimals.replace(/0+$/, '');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}
