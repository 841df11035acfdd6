import { z } from 'zod';

/*
 * How a plan's documents write numbers. The institution's convention, not
 * the reader's language: the Salvadoran reports write `1,219` and `99.6%`
 * in Spanish, the Ecuadorian catalog `1.482` and `0,5`. Chosen by an event
 * (`NumberFormatChosen`), so a document regenerated as of an old position
 * prints the format it had then.
 */

export const DECIMAL_SEPARATORS = ['.', ','] as const;
/** `''`: no grouping; `' '`: a no-break space would be invisible in a CSV diff, so a plain space. */
export const THOUSANDS_SEPARATORS = [',', '.', ' ', ''] as const;
/** `attached`: `99.6%`; `spaced`: `99,6 %` (a no-break space in documents, so the sign never wraps alone). */
export const PERCENT_STYLES = ['attached', 'spaced'] as const;

export const numberFormatSchema = z
  .object({
    decimalSeparator: z.enum(DECIMAL_SEPARATORS),
    thousandsSeparator: z.enum(THOUSANDS_SEPARATORS),
    percentStyle: z.enum(PERCENT_STYLES),
    /** Written before an amount of money (`$1,219.50`). */
    currencySymbol: z
      .string()
      .min(1)
      .max(4)
      .regex(/^[^\s\d.,]+$/, { message: 'must be a symbol, with no digits, spaces, "." or ","' }),
  })
  .refine((format) => format.decimalSeparator !== format.thousandsSeparator, {
    message: 'the decimal and thousands separators must differ',
    path: ['thousandsSeparator'],
  });
export type NumberFormat = z.infer<typeof numberFormatSchema>;

/** El Salvador's published reports: `1,219`, `99.6%`, `$1,219.50`. What a plan uses until it chooses one. */
export const DEFAULT_NUMBER_FORMAT: NumberFormat = Object.freeze({
  decimalSeparator: '.',
  thousandsSeparator: ',',
  percentStyle: 'attached',
  currencySymbol: '$',
});

/** Ecuador's national catalog: `1.482`, `0,5`, `99,6 %`. */
export const ECUADORIAN_NUMBER_FORMAT: NumberFormat = Object.freeze({
  decimalSeparator: ',',
  thousandsSeparator: '.',
  percentStyle: 'spaced',
  currencySymbol: '$',
});

export const sameNumberFormat = (a: NumberFormat, b: NumberFormat): boolean =>
  a.decimalSeparator === b.decimalSeparator &&
  a.thousandsSeparator === b.thousandsSeparator &&
  a.percentStyle === b.percentStyle &&
  a.currencySymbol === b.currencySymbol;
