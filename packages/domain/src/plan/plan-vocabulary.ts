import { z } from 'zod';
import { codeSchema, textSchema } from '../shared/text.js';

/** A Balanced Scorecard perspective, defined per plan and ordered as given. */
export const perspectiveSchema = z.object({ code: codeSchema, name: textSchema(200) });
export type Perspective = z.infer<typeof perspectiveSchema>;

export const AREA_CLASSES = ['administrative', 'health'] as const;
export const areaClassSchema = z.enum(AREA_CLASSES);
export type AreaClass = z.infer<typeof areaClassSchema>;

/**
 * One plan per institution and fiscal year, so its id is derived from both:
 * the plan stream's "must not exist yet" append then enforces uniqueness
 * without a separate index, and the id reads well in URLs.
 */
export const planIdFor = (institutionId: string, fiscalYear: number): string => `${institutionId}-${fiscalYear}`;

export const planIdSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?-\d{4}$/, {
  message: 'must be "<institution>-<fiscal year>", e.g. "upisss-2021"',
});
