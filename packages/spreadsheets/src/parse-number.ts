import { decimalOfParts, exactDecimalOfNumberText } from './exact-decimal.js';
import type { Cell } from './sheet-table.js';

export type NumberLocale = 'es' | 'en';
export const NUMBER_LOCALES: readonly NumberLocale[] = ['es', 'en'];

export type NumberReading =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: 'not-a-number' | 'ambiguous' | 'wrong-separator' };

const SEPARATORS: Readonly<Record<NumberLocale, { readonly decimal: string; readonly group: string }>> = {
  es: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

/** Signs people put around an amount; at most one currency and one percent sign, either side. */
const CURRENCY = /^(?:US\$|USD|\$|€|EUR)|(?:US\$|USD|\$|€|EUR)$/i;
const PERCENT = /^%|%$/;

/**
 * A number as a person typed it in a cell, by the file's declared locale:
 * es `1.219,5`, `0,5`; en `1,219.5`. Spaces (also the no-break and thin
 * spaces Excel puts between thousands), a currency sign and a percent sign
 * are dropped; a sign `-` or `+` goes first. The declared locale decides
 * what a separator means (`1.000` is one thousand in es, one in en), and
 * nothing else is guessed: a value that only the other locale reads (`0.5`
 * in es) is `wrong-separator`; thousands grouped after a leading zero
 * (`0.500` in es) can only be a decimal typed the other way, `ambiguous`;
 * the rest is `not-a-number`. A numeric cell of a workbook carries its exact
 * decimal text and ignores the locale.
 */
export function parseNumberCell(cell: Cell, locale: NumberLocale): NumberReading {
  if (cell.kind === 'number') {
    const value = exactDecimalOfNumberText(cell.text);
    return value === undefined ? { ok: false, reason: 'not-a-number' } : { ok: true, value };
  }
  if (cell.kind !== 'text') return { ok: false, reason: 'not-a-number' };
  return parseNumberText(cell.text, locale);
}

export function parseNumberText(typed: string, locale: NumberLocale): NumberReading {
  let text = typed.replace(/[\s\u00a0\u2007\u202f]+/gu, '');
  text = text.replace(PERCENT, '');
  let negative = false;
  const takeSign = () => {
    if (text.startsWith('-') || text.startsWith('+')) {
      negative = text.startsWith('-');
      text = text.slice(1);
      return true;
    }
    return false;
  };
  const signed = takeSign();
  text = text.replace(CURRENCY, '');
  if (!signed) takeSign();
  text = text.replace(PERCENT, '');
  if (text === '') return { ok: false, reason: 'not-a-number' };

  const read = readDigits(text, SEPARATORS[locale]);
  if (read !== undefined) {
    // Thousands are never grouped after a leading 0: `0.500` in es is a decimal typed the English way.
    if (read.grouped && read.integer.startsWith('0')) return { ok: false, reason: 'ambiguous' };
    return { ok: true, value: decimalOfParts(negative, read.integer, read.decimals) };
  }
  const otherRead = readDigits(text, SEPARATORS[locale === 'es' ? 'en' : 'es']);
  return { ok: false, reason: otherRead !== undefined ? 'wrong-separator' : 'not-a-number' };
}

function readDigits(
  text: string,
  { decimal, group }: { readonly decimal: string; readonly group: string },
): { integer: string; decimals: string; grouped: boolean } | undefined {
  const d = escape(decimal);
  const g = escape(group);
  const plain = new RegExp(`^(\\d+)(?:${d}(\\d+))?$`).exec(text);
  if (plain !== null) return { integer: plain[1]!, decimals: plain[2] ?? '', grouped: false };
  const grouped = new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`).exec(text);
  if (grouped !== null) return { integer: grouped[1]!.split(group).join(''), decimals: grouped[2] ?? '', grouped: true };
  return undefined;
}

const escape = (character: string): string => character.replace(/[.$]/g, '\\$&');
