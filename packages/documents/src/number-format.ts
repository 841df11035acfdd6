import type { NumberFormat } from '@semaforo/domain';

/*
 * The one place a document spells a number: in the plan's number format
 * (read as of the document's position), never the language's. Values come
 * as the domain's decimal strings and are re-spelled character by
 * character: no floating point, no rounding here (what was rounded for
 * display, the domain rounded half-up).
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** `1219.5` → `1,219.5` (default) or `1.219,5` (Ecuadorian). A fraction `n/d` (an average with no finite decimal) has each side spelled. */
export function formatDecimal(value: string, format: NumberFormat): string {
  const slash = value.indexOf('/');
  if (slash > 0) return `${formatDecimal(value.slice(0, slash), format)}/${formatDecimal(value.slice(slash + 1), format)}`;
  const match = DECIMAL.exec(value);
  if (match === null) throw new RangeError(`not a decimal string: ${JSON.stringify(value)}`);
  const [, sign = '', whole = '', fraction] = match;
  return sign + group(whole, format.thousandsSeparator) + (fraction === undefined ? '' : format.decimalSeparator + fraction);
}

/** A percentage as displayed (`"99.6"`) → `99.6%` or `99,6 %` (a no-break space: the sign never wraps onto a line of its own). */
export function formatPercentage(display: string, format: NumberFormat): string {
  return formatDecimal(display, format) + (format.percentStyle === 'spaced' ? '\u00a0%' : '%');
}

/** An amount of money: `$1,219.50`, `-$3.5`; the amount as reported (no decimals added). */
export function formatCurrency(value: string, format: NumberFormat): string {
  const negative = value.startsWith('-');
  return (negative ? '-' : '') + format.currencySymbol + formatDecimal(negative ? value.slice(1) : value, format);
}

/** A count (a number of indicators): `1,219`. */
export const formatCount = (count: number, format: NumberFormat): string => formatDecimal(String(count), format);

function group(whole: string, separator: string): string {
  if (separator === '' || whole.length <= 3) return whole;
  const head = whole.length % 3;
  const groups = head === 0 ? [] : [whole.slice(0, head)];
  for (let i = head; i < whole.length; i += 3) groups.push(whole.slice(i, i + 3));
  return groups.join(separator);
}
