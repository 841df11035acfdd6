import { z } from 'zod';

/**
 * Free text as people type it. Stored and returned byte for byte, so it is
 * never trimmed or normalised; what PostgreSQL cannot store (NUL) and what is
 * not text at all (lone UTF-16 surrogates) is refused up front with a clear
 * message instead of failing deep in the store.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const textSchema = (maxLength: number) =>
  z
    .string()
    .max(maxLength, { message: `must be at most ${maxLength} characters` })
    .refine((s) => s.trim().length > 0, { message: 'must not be empty or only spaces' })
    .refine((s) => !s.includes('\u0000'), { message: 'must not contain the NUL character' })
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'must be well-formed Unicode (no lone surrogates)' });

/** A reason for a change: required by revisions, corrections, retirements. */
export const reasonSchema = textSchema(2000);

/** Codes that appear in URLs: indicator, unit and perspective codes. */
export const codeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  message: 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

/** An institution's id: lower case, as it appears in plan ids. */
export const institutionIdSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, {
  message: 'must be 1 to 48 lower-case letters, digits or "-", not starting or ending with "-"',
});

/** A calendar date, YYYY-MM-DD, that exists. */
export const calendarDateSchema = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });
