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
  return decimalOfParts(sign === '-', integer, decimals);
}

const PLAIN = /^-?\d+(?:\.\d+)?$/;

/** One spelling per value read from or written to a file: no leading zeros, no trailing fraction zeros, no "-0". */
export function canonicalDecimal(decimal: string): string {
  if (!PLAIN.test(decimal)) throw new RangeError(`not a decimal: ${JSON.stringify(decimal)}`);
  const negative = decimal.startsWith('-');
  const [integer = '', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const whole = integer.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const magnitude = decimals === '' ? whole : `${whole}.${decimals}`;
  return negative && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

/** A sign, integer digits and fraction digits (either may be empty) as one canonical decimal. */
export const decimalOfParts = (negative: boolean, integer: string, decimals: string): string =>
  canonicalDecimal(`${negative ? '-' : ''}${integer === '' ? '0' : integer}${decimals === '' ? '' : `.${decimals}`}`);
