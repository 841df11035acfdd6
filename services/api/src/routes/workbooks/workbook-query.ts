import { codeSchema } from '@semaforo/domain';
import { sheetOfName, type SheetKey } from '@semaforo/spreadsheets';
import { z } from 'zod';
import { readQueryShape } from '../shared/read-schemas.js';
import { csvVersionSchema } from '../shared/representation.js';

const { asOf, lang } = readQueryShape('2021-06-30T23:59:59Z');

/** What both workbook downloads take: the file format, one sheet for CSV, the language, one unit, and a read point. */
export const workbookQuerySchema = z
  .object({
    format: z.enum(['xlsx', 'csv']).optional().describe('`xlsx` (the default): the whole workbook. `csv`: one sheet, named by `sheet`.'),
    sheet: z
      .string()
      .optional()
      .describe(
        'With `format=csv` (and only then), the sheet: `Perspectivas`, `Unidades`, `Indicadores`, `Metas`, `Resultados`, ' +
          'their English names or keys (`perspectives`, `units`, `indicators`, `targets`, `results`).',
      ),
    lang: lang.describe('Sheet names, headers, the words of enumerated values and the decimal separator: Spanish by default, `en` for English.'),
    unit: codeSchema.optional().describe('Only this unit and the units below it (a reporter: one of its units, or below one).'),
    asOf,
    csvVersion: csvVersionSchema,
  })
  .transform((query, ctx) => {
    const { sheet, format = 'xlsx', ...rest } = query;
    if (format === 'xlsx') {
      if (sheet !== undefined) ctx.addIssue({ code: 'custom', path: ['sheet'], message: 'is only for format=csv: an XLSX workbook holds every sheet' });
      return { ...rest, format, sheet: undefined as SheetKey | undefined };
    }
    if (sheet === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sheet'], message: 'is required with format=csv: a CSV file holds one sheet' });
      return z.NEVER;
    }
    const layout = sheetOfName(sheet);
    if (layout === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sheet'], message: 'must be Perspectivas, Unidades, Indicadores, Metas or Resultados (or the English name)' });
      return z.NEVER;
    }
    return { ...rest, format, sheet: layout.key };
  });

export type WorkbookQuery = z.output<typeof workbookQuerySchema>;
