/**
 * How a decimal string goes into a workbook. A spreadsheet number is an IEEE
 * double shown with at most 15 significant digits, so a decimal is written as
 * a number only when that number spells the same value back (`0.1`, `-375123611`,
 * `12.5`); anything else (`0.12345678901234567`, twenty integer digits) is
 * written as text, so no digit is ever lost. Callers never pass a float in.
 */

import { canonicalDecimal } from './exact-decimal.js';

export type WorkbookLanguage = 'es' | 'en';

/** The significant digits a spreadsheet keeps: past them Excel rounds what it shows and saves. */
const SPREADSHEET_DIGITS = 15;

const PLAIN = /^-?\d+(?:\.\d+)?$/;

function significantDigits(canonical: string): number {
  const digits = canonical.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits === '' ? 1 : digits.length;
}

/** The number a decimal is exactly, as a spreadsheet keeps it; null when only text keeps every digit. */
export function exactSpreadsheetNumber(decimal: string): number | null {
  const canonical = canonicalDecimal(decimal);
  if (significantDigits(canonical) > SPREADSHEET_DIGITS) return null;
  const number = Number(canonical);
  // String() is the shortest spelling that reads back as the same double: equal text, equal value.
  const spelled = String(number);
  if (!PLAIN.test(spelled)) return null;
  return canonicalDecimal(spelled) === canonical ? number : null;
}

/**
 * A decimal as text in the file's language, the way the importer reads it
 * with the same locale: Spanish `0,5`, English `0.5`; never a thousands
 * separator (in Spanish `1.219` would read as one thousand two hundred and
 * nineteen in one locale and as one point two in the other).
 */
export function decimalText(decimal: string, language: WorkbookLanguage): string {
  return language === 'es' ? decimal.replace('.', ',') : decimal;
}
