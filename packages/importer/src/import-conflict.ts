import type { ImportLanguage } from './import-options.js';

/**
 * One thing in the file that could not be imported, where it is and why, in
 * words a person can act on. `code` is a stable English identifier; the
 * message is in the summary's language. Messages never quote the cell (it
 * is in `cell`), so conflicts of the same kind group together.
 */
export interface ImportConflict {
  /** The sheet as named in the file ('' for a CSV). */
  readonly sheet: string;
  /** 1-based row of the sheet (the header is 1); 0 for the file as a whole. */
  readonly row: number;
  /** The column's header as in the file; '' when the conflict is about the row or the file. */
  readonly column: string;
  /** The cell's text, as typed; '' when there is none. */
  readonly cell: string;
  readonly code: string;
  readonly message: string;
}

export type MessageParams = Readonly<Record<string, string | number>>;

type Template = (p: MessageParams) => string;

/**
 * Every code an import can answer that is not a rule of the domain, in
 * Spanish and English. Domain rules (a period outside the plan's year, a
 * revision without a reason) keep their own codes; their messages are in
 * `DOMAIN_MESSAGES`.
 */
export const IMPORT_MESSAGES: Readonly<Record<string, { readonly es: Template; readonly en: Template }>> = {
  FILE_EMPTY: { es: () => 'El archivo está vacío.', en: () => 'The file is empty.' },
  NOT_A_ZIP: {
    es: () => 'El archivo no es un libro XLSX (no es un archivo zip). Guárdelo desde Excel como «Libro de Excel (.xlsx)» o envíe un CSV.',
    en: () => 'The file is not an XLSX workbook (not a zip archive). Save it from Excel as "Excel Workbook (.xlsx)" or send a CSV.',
  },
  WORKBOOK_UNREADABLE: {
    es: () => 'El libro está dañado o no es un libro XLSX; ábralo en Excel y guárdelo de nuevo.',
    en: () => 'The workbook is damaged or not an XLSX workbook; open it in Excel and save it again.',
  },
  WORKBOOK_TOO_LARGE_EXPANDED: {
    es: (p) =>
      `El libro ocuparía ${p['expandedBytes'] ?? 'más de 4 GiB'} bytes descomprimido, más de los ${p['limit'] ?? ''} permitidos; no se abrió. Divídalo en varios archivos.`,
    en: (p) =>
      `The workbook would expand to ${p['expandedBytes'] ?? 'more than 4 GiB'} bytes, more than the ${p['limit'] ?? ''} allowed; it was not opened. Split it into several files.`,
  },
  CSV_UNREADABLE: {
    es: () => 'El CSV no se puede leer desde esta fila (una comilla sin cerrar, probablemente).',
    en: () => 'The CSV cannot be read from this row on (most likely an unclosed quote).',
  },
  UNRECOGNISED_SHEET: {
    es: () => 'Los encabezados no corresponden a ninguna hoja de la plantilla (Unidades, Indicadores, Metas, Resultados). Use los encabezados de la plantilla.',
    en: () => 'The headers match no sheet of the template (Units, Indicators, Targets, Results). Use the headers of the template.',
  },
  UNKNOWN_HEADER: {
    es: (p) => `La columna «${p['column']}» no es de la hoja ${p['sheet']}; columnas posibles: ${p['known']}.`,
    en: (p) => `The column "${p['column']}" is not one of the ${p['sheet']} sheet; possible columns: ${p['known']}.`,
  },
  DUPLICATE_HEADER: {
    es: (p) => `La columna «${p['column']}» aparece dos veces; deje una.`,
    en: (p) => `The column "${p['column']}" appears twice; keep one.`,
  },
  MISSING_COLUMN: {
    es: (p) => `Falta la columna «${p['column']}», obligatoria en la hoja ${p['sheet']}.`,
    en: (p) => `The column "${p['column']}" is missing; the ${p['sheet']} sheet requires it.`,
  },
  NO_ROWS: {
    es: () => 'La hoja solo tiene encabezados: no hay filas que importar.',
    en: () => 'The sheet has only headers: there are no rows to import.',
  },
  REQUIRED_VALUE: {
    es: (p) => `La columna «${p['column']}» es obligatoria y está vacía.`,
    en: (p) => `The column "${p['column']}" is required and is empty.`,
  },
  NOT_A_NUMBER: {
    es: (p) => `«${p['column']}» no es un número. Escriba solo cifras, como ${p['example']}.`,
    en: (p) => `"${p['column']}" is not a number. Write digits only, such as ${p['example']}.`,
  },
  NUMBER_WRONG_SEPARATOR: {
    es: (p) =>
      `«${p['column']}» usa el separador decimal de otro idioma: el archivo se lee con la configuración «${p['locale']}» (${p['example']}). Corrija el número o importe con locale=${p['otherLocale']}.`,
    en: (p) =>
      `"${p['column']}" uses another language's decimal separator: the file is read with locale "${p['locale']}" (${p['example']}). Fix the number or import with locale=${p['otherLocale']}.`,
  },
  NUMBER_AMBIGUOUS: {
    es: (p) =>
      `«${p['column']}» agrupa miles después de un cero, lo que solo puede ser un decimal escrito con el separador de otro idioma. Escríbalo como ${p['example']}.`,
    en: (p) =>
      `"${p['column']}" groups thousands after a zero, which can only be a decimal written with another language's separator. Write it as ${p['example']}.`,
  },
  FORMULA_NOT_ALLOWED: {
    es: (p) => `«${p['column']}» tiene una fórmula; las fórmulas no se calculan al importar. Copie y pegue solo el valor.`,
    en: (p) => `"${p['column']}" holds a formula; formulas are not computed on import. Copy and paste the value only.`,
  },
  UNKNOWN_WORD: {
    es: (p) => `«${p['column']}» no es un valor conocido; valores posibles: ${p['known']}.`,
    en: (p) => `"${p['column']}" is not a known value; possible values: ${p['known']}.`,
  },
  INVALID_PERIOD: {
    es: () =>
      'El período no se entiende; escríbalo como 2021-M01 (mes), 2021-B1 (bimestre), 2021-Q2 (trimestre), 2021-T1 (cuatrimestre), 2021-S1 (semestre) o 2021 (año).',
    en: () =>
      'The period cannot be read; write it as 2021-M01 (month), 2021-B1 (bimonth), 2021-Q2 (quarter), 2021-T1 (four months), 2021-S1 (half year) or 2021 (year).',
  },
  INVALID_VALUE: {
    es: (p) => `«${p['column']}» no es válido: ${p['detail']}.`,
    en: (p) => `"${p['column']}" is not valid: ${p['detail']}.`,
  },
  DUPLICATE_IN_FILE: {
    es: (p) => `La misma clave aparece en varias filas de la hoja (${p['key']}); deje una sola: ninguna de ellas se importa.`,
    en: (p) => `The same key appears in several rows of the sheet (${p['key']}); keep one: none of them is imported.`,
  },
  EXISTS_ALREADY: {
    es: () => 'Ya existe con otro valor, y la estrategia «create» solo crea. Importe con strategy=create-and-update para cambiarlo.',
    en: () => 'It already exists with another value, and strategy "create" only creates. Import with strategy=create-and-update to change it.',
  },
  NOT_FOUND_FOR_UPDATE: {
    es: () => 'No existe todavía, y la estrategia «update» solo cambia lo que existe. Importe con strategy=create-and-update para crearlo.',
    en: () => 'It does not exist yet, and strategy "update" only changes what exists. Import with strategy=create-and-update to create it.',
  },
  DEFINED_DIFFERENTLY: {
    es: (p) => `${p['what'] === 'unit' ? 'La unidad' : 'La perspectiva'} ya está definida en el plan con otros datos, y no se puede cambiar desde un archivo.`,
    en: (p) => `The ${p['what'] === 'unit' ? 'unit' : 'perspective'} is already defined in the plan differently, and cannot be changed from a file.`,
  },
  SHEET_NOT_ALLOWED: {
    es: (p) => `Un token de ${p['role']} no puede importar la hoja ${p['sheet']}; solo Resultados.`,
    en: (p) => `A ${p['role']} token cannot import the ${p['sheet']} sheet; only Results.`,
  },
  OUTSIDE_ASSIGNED_UNITS: {
    es: (p) => `El indicador es de la unidad ${p['unit']}, que no es una de las unidades de este token (${p['units']}) ni está debajo de ellas.`,
    en: (p) => `The indicator belongs to the unit ${p['unit']}, which is not one of this token's units (${p['units']}) nor below one of them.`,
  },
};

/** The rules of the domain a row can break, in Spanish and English (the domain's own messages are English). */
export const DOMAIN_MESSAGES: Readonly<Record<string, { readonly es: Template; readonly en: Template }>> = {
  PLAN_NOT_FOUND: { es: () => 'El plan no existe.', en: () => 'There is no such plan.' },
  PERIOD_OUTSIDE_PLAN_YEAR: {
    es: (p) => `El período está fuera del año fiscal del plan (${p['fiscalYear']}).`,
    en: (p) => `The period is outside the plan's fiscal year (${p['fiscalYear']}).`,
  },
  PERIOD_NOT_OF_PERIODICITY: {
    es: (p) => `El período no es de la periodicidad del indicador (${p['periodicity']}).`,
    en: (p) => `The period is not of the indicator's periodicity (${p['periodicity']}).`,
  },
  INDICATOR_NOT_FOUND: {
    es: () => 'El plan no tiene un indicador con este código; agréguelo en la hoja Indicadores.',
    en: () => 'The plan has no indicator with this code; add it in the Indicators sheet.',
  },
  UNKNOWN_UNIT: {
    es: () => 'El plan no tiene esta unidad; agréguela en la hoja Unidades.',
    en: () => 'The plan has no such unit; add it in the Units sheet.',
  },
  UNKNOWN_PARENT_UNIT: {
    es: () => 'La unidad superior no está definida; agréguela antes, en una fila anterior de la hoja Unidades.',
    en: () => 'The parent unit is not defined; add it first, in an earlier row of the Units sheet.',
  },
  UNKNOWN_PERSPECTIVE: {
    es: () => 'El plan no tiene esta perspectiva; agréguela en la hoja Perspectivas.',
    en: () => 'The plan has no such perspective; add it in the Perspectives sheet.',
  },
  REASON_REQUIRED: {
    es: () => 'Cambiar un valor ya registrado necesita un motivo: llene la columna Motivo o importe con reason=….',
    en: () => 'Changing a value already recorded needs a reason: fill in the Reason column or import with reason=….',
  },
  INDICATOR_RETIRED: {
    es: () => 'El indicador está retirado y no admite más cambios.',
    en: () => 'The indicator is retired and takes no more changes.',
  },
  PERIODICITY_LOCKED: {
    es: () => 'La periodicidad no puede cambiar cuando el indicador ya tiene metas o resultados.',
    en: () => 'The periodicity cannot change once the indicator has targets or results.',
  },
  INCOMPLETE_RATIO: {
    es: () => 'Dé el numerador y el denominador, o ninguno.',
    en: () => 'Give both the numerator and the denominator, or neither.',
  },
  DIVISION_BY_ZERO: { es: () => 'El denominador es cero.', en: () => 'The denominator is zero.' },
  PERIOD_LOCKED: {
    es: (p) => `El período está cerrado: la unidad ${p['unit']} está aprobada. Un planificador puede reabrirla (ReopenUnitPeriod).`,
    en: (p) => `The period is locked: unit ${p['unit']} is approved. A planner can reopen it (ReopenUnitPeriod).`,
  },
  DATA_ENTRY_CLOSED: {
    es: () => 'El plazo para registrar resultados de este período ya terminó; un planificador puede reabrirlo.',
    en: () => 'The deadline to report results for this period has passed; a planner can reopen it.',
  },
  IMPLAUSIBLE_RESULT: {
    es: (p) =>
      p['rule'] === 'minimum'
        ? `El resultado está por debajo del mínimo ${p['bound']} del indicador.`
        : p['rule'] === 'maximum'
          ? `El resultado está por encima del máximo ${p['bound']} del indicador.`
          : p['expected'] === undefined
            ? 'El denominador es cero: el resultado no puede ser numerador / denominador.'
            : `El resultado no es numerador / denominador × ${p['scale']} = ${p['expected']}.`,
    en: (p) =>
      p['rule'] === 'minimum'
        ? `The result is below the indicator's minimum ${p['bound']}.`
        : p['rule'] === 'maximum'
          ? `The result is above the indicator's maximum ${p['bound']}.`
          : p['expected'] === undefined
            ? 'The denominator is zero: the result cannot be numerator / denominator.'
            : `The result is not numerator / denominator × ${p['scale']} = ${p['expected']}.`,
  },
};

export function conflictMessage(code: string, language: ImportLanguage, params: MessageParams = {}, fallback?: string): string {
  const template = IMPORT_MESSAGES[code] ?? DOMAIN_MESSAGES[code];
  if (template !== undefined) return template[language](params);
  // A rule added to the domain after this table: its own (English) words, better than none.
  return fallback ?? code;
}
