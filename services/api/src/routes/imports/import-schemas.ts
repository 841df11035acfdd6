import { IMPORT_STRATEGIES } from '@semaforo/importer';
import { reasonSchema } from '@semaforo/domain';
import { z } from 'zod';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

export const importQuerySchema = z.object({
  dryRun: flag('false').describe('`true`: decide every row and answer the summary (with the evaluation effect), append nothing.'),
  strategy: z
    .enum(IMPORT_STRATEGIES)
    .default('create-and-update')
    .describe('`create`: only what does not exist yet (a different value for an existing one is a conflict); `update`: only what exists; both by default.'),
  atomic: flag('true').describe(
    'Default `true`: any conflict appends nothing. `false`: every row without a conflict is applied, and the summary says which were not.',
  ),
  reason: reasonSchema.optional().describe('The reason of every revision and correction the file makes, for rows whose `Motivo` cell is empty.'),
  locale: z
    .enum(['es', 'en'])
    .default('es')
    .describe(
      'How numbers are typed in text cells: `es` (default) `1.219,5`, `0,5`; `en` `1,219.5`. Numeric XLSX cells are read as the exact decimal the file holds, whatever the locale.',
    ),
  rollOver: flag('false').describe(
    "`true`: a roll-over. The file's periods are of another year (last year's export) and are read as the same periods of this plan's year (`2021-Q3` → `2022-Q3`); otherwise a period outside the plan's year is a conflict.",
  ),
  lang: z.enum(['es', 'en']).optional().describe('Language of the messages: Spanish by default; `en` (or `Accept-Language: en`) for English.'),
});

export const importJobParamsSchema = z.object({
  planId: z.string(),
  jobId: z.uuid().describe('The id the `Location` of a `202` named.'),
});

const conflictSchema = z.object({
  sheet: z.string().describe("As named in the workbook; '' for a CSV."),
  row: z.number().int().describe('Row of the sheet (the header is 1); 0 for the file as a whole.'),
  column: z.string().describe('The header as written in the file.'),
  cell: z.string().describe('The cell as typed.'),
  code: z.string().describe('Stable English identifier.'),
  message: z.string().describe('What to fix, in the language asked.'),
});

const statusSchema = z.enum(['good', 'regular', 'critical', 'not-reported', 'not-due']);

export const importSummarySchema = z
  .object({
    planId: z.string(),
    status: z.enum(['dry-run', 'applied', 'partial', 'refused']),
    dryRun: z.boolean(),
    strategy: z.enum(IMPORT_STRATEGIES),
    atomic: z.boolean(),
    locale: z.string(),
    file: z.object({
      format: z.enum(['csv', 'xlsx']),
      digest: z.string().describe('SHA-256 of the bytes: the same file again appends nothing.'),
      rows: z.number().int(),
    }),
    counts: z.object({ created: z.number().int(), updated: z.number().int(), ignored: z.number().int(), refused: z.number().int() }),
    ignoredSheets: z.array(z.string()).readonly(),
    conflicts: z.array(conflictSchema).readonly().describe('The first 1,000 conflicts in file order.'),
    conflictCount: z.number().int(),
    conflictGroups: z.array(z.object({ code: z.string(), message: z.string(), sheet: z.string(), rows: z.array(z.number().int()).readonly() })).readonly(),
    evaluationEffect: z
      .object({
        period: z.string(),
        changes: z.array(z.object({ code: z.string(), name: z.string(), before: statusSchema.nullable(), after: statusSchema })).readonly(),
      })
      .nullable()
      .optional()
      .describe('Dry run: for the latest period with results, the indicators whose status the file changes.'),
  })
  .describe('The import summary.');

export const importJobSchema = z.object({
  jobId: z.string(),
  planId: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  runs: z.number().int().describe('1, or more when a restart of the service interrupted and resumed it.'),
  summary: importSummarySchema.optional().describe('Once every row is decided.'),
  error: z.string().optional(),
});
