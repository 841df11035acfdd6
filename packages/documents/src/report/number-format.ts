import { DEFAULT_NUMBER_FORMAT, formatRationalHalfUp, rational, type NumberFormat } from '@semaforo/domain';

/*
 * How an institution writes numbers, which is not its language's choice: the Salvadoran documents
 * write `1,219` and `99.6%`, the Ecuadorian catalog `1.482` and `0,5`. The setting is the plan's
 * (`NumberFormatChosen`, domain `NumberFormat`), read as of the document's position, so a document
 * regenerated later keeps the format it was printed in; `DEFAULT_NUMBER_FORMAT` until a plan chooses.
 */
export { DEFAULT_NUMBER_FORMAT, type NumberFormat };

const FRACTION = /^(-?\d+)\/(\d+)$/;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The one way a document writes a number. `value` is what the domain computed: a decimal string
 * (written with all its digits, only regrouped: no floating point, no rounding) or an exact fraction
 * `"n/d"` (an average with no finite decimal), which is rounded half-up to `fractionDecimals`. Text
 * that is neither is returned as it is, so nothing is ever silently turned into a number it was not.
 */
export function formatNumber(value: string, format: NumberFormat, fractionDecimals = 2): string {
  const fraction = FRACTION.exec(value);
  const text = fraction === null ? value : formatRationalHalfUp(rational(BigInt(fraction[1]!), BigInt(fraction[2]!)), fractionDecimals);
  const decimal = DECIMAL.exec(text);
  if (decimal === null) return value;
  const [, sign, integer, decimals] = decimal as unknown as [string, string, string, string | undefined];
  const grouped = format.thousandsSeparator === '' ? integer : integer.replace(/\B(?=(\d{3})+(?!\d))/g, format.thousandsSeparator);
  return `${sign}${grouped}${decimals === undefined ? '' : format.decimalSeparator + decimals}`;
}

/** A percentage as displayed (`"99.6"`) → `99.6%`, or `99,6 %` spaced (a no-break space: the sign never wraps onto a line of its own). */
export function formatPercentText(display: string, format: NumberFormat, fractionDecimals = 2): string {
  return formatNumber(display, format, fractionDecimals) + (format.percentStyle === 'spaced' ? '\u00a0%' : '%');
}

/** An amount of money: `$1,219.50`, `-$3.5`; the amount as computed (no decimals added). */
export function formatCurrencyText(value: string, format: NumberFormat, fractionDecimals = 2): string {
  const text = formatNumber(value, format, fractionDecimals);
  return text.startsWith('-') ? `-${format.currencySymbol}${text.slice(1)}` : `${format.currencySymbol}${text}`;
}
