import { z } from 'zod';

/** 16 lower-case hex digits: random, chosen by whoever issues the token. */
export const tokenIdSchema = z.string().regex(/^[0-9a-f]{16}$/, { message: 'must be 16 lower-case hexadecimal digits' });

/** `sha256:` and the 64 hex digits of the SHA-256 of the token's secret: the secret itself is never stored. */
export const secretHashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, { message: 'must be "sha256:" and 64 hexadecimal digits' });

/** An instant as the edge writes it (`Date#toISOString`), so that instants compare as they read. */
export const instantSchema = z.iso.datetime({ message: 'must be an ISO-8601 instant in UTC, e.g. 2024-04-02T15:04:05.000Z' });
