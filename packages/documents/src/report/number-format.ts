import { formatRationalHalfUp, rational } from '@semaforo/domain';

/**
 * How an institution writes numbers, which is not its language's choice: the Salvadoran documents
 * write `1,219` and `99.6%` (`point`: decimal point, comma between thousands), the Ecuadorian catalog
 * `1.482` and `0,5` (`comma`: decimal comma, point between thousands). A plan chooses one by an
 * event, so a document regenerated later keeps the format it was printed in.
 */
export const NUMBER_FORMATS = ['point', 'comma'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/** The seeds' Salvadoran style, for plans that never chose. */
export const DEFAULT_NUMBER_FORMAT: NumberFormat = 'point';

const SEPARATORS: Readonly<Record<NumberFormat, { readonly decimal: string; readonly group: string }>> = {
  point: { decimal: '.', group: ',' },
  comma: { decimal: ',', group: '.' },
};

const FRACTION = /^(-?\d+)\/(\d+)$/;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The one way a report writes a number. `value` is what the domain computed: a decimal string
 * (written with all its digits, only regrouped) or an exact fraction `"n/d"` (an average with no
 * finite decimal), which is rounded half-up to `fractionDecimals`. Text that is neither is returned
 * as it is, so nothing is ever silently turned into a number it was not.
 */
export function formatNumber(value: string, format: NumberFormat, fractionDecimals = 2): string {
  const fraction = FRACTION.exec(value);
  const text = fraction === null ? value : formatRationalHalfUp(rational(BigInt(fraction[1]!), BigInt(fraction[2]!)), fractionDecimals);
  const decimal = DECIMAL.exec(text);
  if (decimal === null) return value;
  const { decimal: point, group } = SEPARATORS[format];
  const [, sign, integer, decimals] = decimal as unknown as [string, string, string, string | undefined];
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${decimals === undefined ? '' : point + decimals}`;
}

/** A percentage as the reports print it: `99.6%` (`99,6%` with a decimal comma). */
export function formatPercentText(display: string, format: NumberFormat): string {
  return `${formatNumber(display, format)}%`;
}
