import { z } from 'zod';

export const POLARITIES = ['higher-is-better', 'lower-is-better'] as const;

export type Polarity = (typeof POLARITIES)[number];

export const polaritySchema = z.enum(POLARITIES);
