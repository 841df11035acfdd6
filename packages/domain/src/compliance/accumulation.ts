import { z } from 'zod';

/** How the periods in an evaluation window add up to a year-to-date value. */
export const ACCUMULATIONS = ['sum', 'last', 'average'] as const;

export type Accumulation = (typeof ACCUMULATIONS)[number];

export const accumulationSchema = z.enum(ACCUMULATIONS);
