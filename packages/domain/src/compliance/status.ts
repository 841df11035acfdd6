import { z } from 'zod';

/**
 * The statuses a judged indicator can have. `not-reported` and `not-due`
 * belong to an evaluation (the indicator could not be judged), not here.
 */
export const STATUSES = ['good', 'regular', 'critical'] as const;

export type Status = (typeof STATUSES)[number];

export const statusSchema = z.enum(STATUSES);
