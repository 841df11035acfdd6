import { z } from 'zod';
import { csvVersionSchema } from './representation.js';

/**
 * What every as-of read takes (evaluations, histories, the audit trail):
 * `asOf`, `format`, `lang` and `csvVersion`. `exampleInstant` only picks the instant the
 * description shows, one of the year the capability's other examples use.
 */
export const readQueryShape = (exampleInstant: string) => ({
  asOf: z
    .string()
    .optional()
    .describe(
      'Answer as of a past moment. A log position `<commit>:<prepare>` is exact (it must not be past what the read model ' +
        `has applied: else 409 \`AS_OF_NOT_YET_PROJECTED\`). An ISO-8601 instant with a zone (\`${exampleInstant}\`) means ` +
        '"what the system answered at that instant": the newest watermark the projector recorded at or before it (the ' +
        'start of the log when none), so the same instant gives the same answer forever. Default: the latest projected position.',
    ),
  format: z.enum(['json', 'csv']).optional().describe('`csv` answers `text/csv` (as does `Accept: text/csv`).'),
  lang: z.enum(['es', 'en']).optional().describe('CSV headers and labels: Spanish by default; `en` (or `Accept-Language: en`) for English.'),
  csvVersion: csvVersionSchema,
});

/** What every answer of the audit trail (its histories and its pages) echoes. */
export const answeredAtShape = {
  position: z.string().describe('The log position `<commit>:<prepare>` this answer is as of: pass it as `asOf` to get it again, byte for byte.'),
  asOf: z.string().optional().describe('The `asOf` given, echoed as given.'),
};
