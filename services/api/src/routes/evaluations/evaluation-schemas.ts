import {
  ACCUMULATIONS,
  EVALUATION_STATUSES,
  INDICATOR_KINDS,
  MEASURES,
  PERIODICITIES,
  POLARITIES,
  periodIdSchema,
  planIdSchema,
  plausibilityWarningSchema,
  type Evaluation,
} from '@semaforo/domain';
import { z } from 'zod';
import { readQueryShape } from '../shared/read-schemas.js';

/*
 * The evaluation as the API sends it: the domain's `Evaluation`, field for
 * field, so the OpenAPI document describes every member. Plain strings for
 * quantities (the domain already made them exact decimals); no refinements
 * on the way out, where they would only cost time.
 */

/** The domain's arrays are readonly; so are these (zod's plain arrays would refuse them in reply types). */
const readonlyArray = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const exact = (what: string) => z.string().describe(`${what}: an exact decimal, or "n/d" when it has no finite decimal.`);

const percentageSchema = z
  .object({
    exact: exact('The percentage'),
    display: z.string().describe('Rounded half-up for display, e.g. "99.1".'),
  })
  .meta({ id: 'Percentage', description: 'A percentage kept exact, and rounded for display only.' });

const periodFiguresSchema = z.object({
  period: z.string().describe("A period of the indicator's periodicity ending inside the window."),
  target: z.string().nullable(),
  result: z.string().nullable().describe('Null when nothing was reported, or "no data" was (then `noData`).'),
  noData: z.boolean(),
  counted: z.boolean().describe('Whether this period entered the year-to-date target and result.'),
  warnings: readonlyArray(plausibilityWarningSchema)
    .optional()
    .describe("The plausibility rules at level `warn` the period's result broke when it was written; absent when none."),
});

const indicatorEvaluationSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(INDICATOR_KINDS),
    perspective: z.string().describe('Perspective code.'),
    unit: z.string().describe('Responsible unit code.'),
    measure: z.enum(MEASURES),
    polarity: z.enum(POLARITIES),
    accumulation: z.enum(ACCUMULATIONS),
    periodicity: z.enum(PERIODICITIES),
    decimals: z.number().int().describe('Decimals the compliance is displayed with.'),
    due: z.boolean().describe('At least one period of its periodicity ends inside the window.'),
    status: z.enum(EVALUATION_STATUSES),
    target: z.string().nullable().describe('Year-to-date target compared, exact; null when nothing was compared.'),
    result: z.string().nullable().describe('Year-to-date result compared, exact; null when nothing was compared.'),
    compliance: percentageSchema.nullable().describe('Null when not judged, or judged by rule (zero target, zero result when lower is better).'),
    reasonNotEvaluated: z.enum(['no-result', 'no-data', 'no-target']).optional().describe('Why a due indicator is `not-reported`.'),
    periods: readonlyArray(periodFiguresSchema),
  })
  .meta({ id: 'IndicatorEvaluation' });

const countsShape = {
  planned: z.number().int().describe('Active indicators.'),
  due: z.number().int(),
  evaluated: z.number().int().describe('Due and judged: good + regular + critical.'),
  good: z.number().int(),
  regular: z.number().int(),
  critical: z.number().int(),
  notReported: z.number().int(),
  goodShare: percentageSchema.nullable().describe('Share of `evaluated`; null when nothing was evaluated.'),
  regularShare: percentageSchema.nullable(),
  criticalShare: percentageSchema.nullable(),
};

export const summarySchema = z
  .object({
    plan: z.object(countsShape),
    byPerspective: readonlyArray(z.object({ code: z.string(), name: z.string(), ...countsShape })).describe('In plan order.'),
    byUnit: readonlyArray(z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), ...countsShape })).describe(
      'Rolled up: a unit counts its own indicators and those of every unit below it.',
    ),
    byKind: readonlyArray(z.object({ kind: z.enum(INDICATOR_KINDS), ...countsShape })),
  })
  .meta({ id: 'EvaluationSummary', description: 'Planned, due, evaluated and good / regular / critical counts and shares.' });

export const closingTableSchema = readonlyArray(
  z.object({
    kind: z.enum([...INDICATOR_KINDS, 'total']),
    measured: z.number().int().describe('Medidos: evaluated indicators.'),
    reachedTarget: z.number().int().describe('Alcanzó meta: good ones.'),
    goodShare: percentageSchema.nullable().describe('% Criterio bueno.'),
  }),
).meta({ id: 'ClosingTable', description: '*Tipo de indicador | Medidos | Alcanzó meta | % Criterio bueno*: one row per kind, then `total`.' });

const reservedSchema = z.literal(true).optional().describe('Present (true) only for a reserved text: the public version of a report omits it.');

const justificationEntrySchema = z.object({
  period: z.string(),
  justificationNumber: z.number().int(),
  text: z.string(),
  reserved: reservedSchema,
  correctiveActions: readonlyArray(z.object({ action: z.string(), owner: z.string(), dueDate: z.string().describe('YYYY-MM-DD.'), reserved: reservedSchema })),
  recordedAt: z.string().describe('When the log recorded it (ISO 8601).'),
  actorId: z.string(),
});

export const evaluationSchema = z
  .object({
    planId: z.string(),
    planName: z.string(),
    institutionId: z.string(),
    fiscalYear: z.number().int(),
    reportingPeriod: z.string(),
    window: z.object({ fromMonth: z.number().int(), toMonth: z.number().int() }).describe('Fiscal months, 1 = the first month of the fiscal year.'),
    evaluationMethod: z.string().describe('The method the plan was opened with (e.g. "v1"): changing code never changes an old answer.'),
    evaluationScale: z.object({ criticalBelow: z.string(), goodAbove: z.string() }),
    indicators: readonlyArray(indicatorEvaluationSchema).describe('By code.'),
    byStatus: z.object({
      good: readonlyArray(z.string()),
      regular: readonlyArray(z.string()),
      critical: readonlyArray(z.string()),
      notReported: readonlyArray(z.string()),
      notDue: readonlyArray(z.string()),
    }),
    critical: readonlyArray(
      z.object({
        code: z.string(),
        name: z.string(),
        justifications: readonlyArray(justificationEntrySchema).describe('Those that speak to this window, latest first.'),
        hasJustification: z.boolean(),
      }),
    ),
    criticalWithoutJustification: readonlyArray(z.string()),
    summary: summarySchema,
    closingTable: closingTableSchema,
  })
  .meta({ id: 'Evaluation', description: 'An evaluation of a plan for a reporting period.' });

// Every evaluation the domain makes must be one this schema sends (the routes' reply types check it too).
// The other way round (a member added to the domain and missing here would be dropped from answers) is
// checked by the route tests: the digest recomputed from the body must be the digest sent.
const sendable = (evaluation: Evaluation): z.input<typeof evaluationSchema> => evaluation;
void sendable;

export const evaluationParamsSchema = z.object({
  planId: planIdSchema.describe('`<institution>-<fiscal year>`, e.g. `upisss-2023`.'),
  period: periodIdSchema.describe("A period of the plan's fiscal year: `2023`, `2023-S1`, `2023-T2`, `2023-Q2`, `2023-B3`, `2023-M05`."),
});

export const evaluationQuerySchema = z.object(readQueryShape('2023-07-01T00:00:00Z'));

const answeredAtShape = {
  position: z.string().describe('The log position `<commit>:<prepare>` this answer is as of: pass it as `asOf` to get it again.'),
  asOf: z.string().optional().describe('The `asOf` given, echoed when it was an instant (or a position).'),
  digest: z.string().describe('SHA-256 (hex) of the canonical JSON of the evaluation (keys sorted, decimals as strings).'),
};

export const evaluationResponseSchema = z
  .object({ ...answeredAtShape, evaluation: evaluationSchema })
  .meta({ id: 'EvaluationAnswer', description: 'An evaluation, the position it answers at, and its digest.' });

export const summaryResponseSchema = z
  .object({
    ...answeredAtShape,
    planId: z.string(),
    planName: z.string(),
    fiscalYear: z.number().int(),
    reportingPeriod: z.string(),
    summary: summarySchema,
    closingTable: closingTableSchema,
  })
  .meta({
    id: 'EvaluationSummaryAnswer',
    description: 'The summaries and closing table of an evaluation; `digest` is that of the whole evaluation they belong to.',
  });
