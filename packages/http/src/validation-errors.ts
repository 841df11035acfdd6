import type { ProblemFieldError } from './problem-details.js';
import type { ProblemLanguage } from './problem-language.js';

/** The shape fastify gives each failed check, whichever validator produced it. */
export interface SchemaValidationIssue {
  readonly instancePath: string;
  readonly message?: string | undefined;
  /** zod's issue code (`invalid_type`, `unrecognized_keys`…), as fastify-type-provider-zod passes it. */
  readonly keyword?: string | undefined;
  /** The rest of zod's issue: `expected`, `minimum`, `keys`, `values`… */
  readonly params?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The Spanish of the English messages a schema sets itself (`{ message: … }`,
 * `ctx.addIssue`): an exact text, or a pattern and its replacement. The app
 * passes its own (`ProblemErrorHandlerOptions.fieldMessages`).
 */
export type FieldMessageTranslations = ReadonlyArray<readonly [english: string | RegExp, spanish: string]>;

const PART_NAMES: Readonly<Record<string, string>> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INDEX = /^(0|[1-9]\d*)$/;

const UNKNOWN_FIELD: Readonly<Record<ProblemLanguage, string>> = {
  en: 'is not a field of this request: check its spelling (nothing was saved)',
  es: 'no es un campo de esta solicitud: revise cómo está escrito (no se guardó nada)',
};

/**
 * Turns fastify's validation issues into the fields a person must fix, in
 * the language asked.
 *
 * fastify-type-provider-zod flattens zod's path into `instancePath` by joining
 * with `/` (`/indicators/0/code`), so an all-digit segment is read as an
 * array index: `body.indicators[0].code`. A key made only of digits would be
 * shown as an index too, and a key containing `/` cannot be told apart; both
 * are unlikely in this API's payloads, and `pointer` still names the place.
 *
 * An unknown key is reported at its own path (zod reports it at the object
 * holding it), one entry per key, so the client sees which field it mistyped.
 */
export function toFieldErrors(
  part: string | undefined,
  issues: readonly SchemaValidationIssue[],
  language: ProblemLanguage = 'en',
  translations: FieldMessageTranslations = [],
): ProblemFieldError[] {
  const prefix = PART_NAMES[part ?? 'body'] ?? part ?? 'body';
  return issues.flatMap((issue) => {
    const segments = issue.instancePath
      .split('/')
      .slice(1)
      .filter((segment) => segment !== '');
    const keys = issue.keyword === 'unrecognized_keys' ? issue.params?.['keys'] : undefined;
    if (Array.isArray(keys) && keys.length > 0) {
      return keys.map((key) => fieldError(prefix, [...segments, String(key)], UNKNOWN_FIELD[language]));
    }
    return [fieldError(prefix, segments, messageOf(issue, language, translations))];
  });
}

function fieldError(prefix: string, segments: readonly string[], message: string): ProblemFieldError {
  return {
    path: prefix + segments.map(pathSegment).join(''),
    pointer: segments.map((segment) => '/' + segment.replaceAll('~', '~0').replaceAll('/', '~1')).join(''),
    message,
  };
}

function pathSegment(segment: string): string {
  if (INDEX.test(segment)) return `[${segment}]`;
  if (IDENTIFIER.test(segment)) return `.${segment}`;
  return `[${JSON.stringify(segment)}]`;
}

function messageOf(issue: SchemaValidationIssue, language: ProblemLanguage, translations: FieldMessageTranslations): string {
  const english = issue.message ?? 'Invalid value.';
  if (language === 'en') return english;
  for (const [pattern, spanish] of translations) {
    if (typeof pattern === 'string' ? pattern === english : pattern.test(english)) {
      return typeof pattern === 'string' ? spanish : english.replace(pattern, spanish);
    }
  }
  // A schema's own message not in the table stays as written: better English than a vaguer Spanish.
  if (issue.keyword === undefined || issue.keyword === 'custom' || !isZodDefault(english)) return english;
  return spanishOfZodIssue(issue.keyword, issue.params ?? {}, english);
}

/** zod's English defaults start with one of these; a schema's own messages (lower case, "must…") do not. */
function isZodDefault(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized|Expected)/.test(message);
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'un texto',
  number: 'un número',
  int: 'un número entero',
  bigint: 'un número entero',
  boolean: 'true o false',
  object: 'un objeto',
  array: 'una lista',
  date: 'una fecha',
  null: 'null',
};

const SIZE_UNITS: Readonly<Record<string, string>> = { string: 'caracteres', array: 'elementos', set: 'elementos', file: 'bytes' };

function spanishOfZodIssue(code: string, params: Readonly<Record<string, unknown>>, english: string): string {
  switch (code) {
    case 'invalid_type': {
      if (english.endsWith('received undefined')) return 'es obligatorio';
      const expected = String(params['expected']);
      return `se esperaba ${TYPE_NAMES[expected] ?? expected}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = code === 'too_small';
      const bound = String(small ? params['minimum'] : params['maximum']);
      const units = SIZE_UNITS[String(params['origin'])];
      if (units !== undefined) return `debe tener ${small ? 'al menos' : 'como máximo'} ${bound} ${units}`;
      const inclusive = params['inclusive'] !== false;
      if (small) return inclusive ? `debe ser mayor o igual que ${bound}` : `debe ser mayor que ${bound}`;
      return inclusive ? `debe ser menor o igual que ${bound}` : `debe ser menor que ${bound}`;
    }
    case 'invalid_value': {
      const values = Array.isArray(params['values']) ? params['values'] : [];
      return values.length === 1 ? `debe ser ${JSON.stringify(values[0])}` : `debe ser uno de: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    case 'invalid_format': {
      const format = String(params['format']);
      if (format === 'datetime') return 'debe ser un instante ISO-8601, p. ej. 2021-04-01T00:00:00Z';
      if (format === 'date') return 'debe ser una fecha escrita AAAA-MM-DD';
      if (format === 'regex') return `no tiene el formato esperado (${String(params['pattern'])})`;
      return `no tiene el formato esperado (${format})`;
    }
    case 'not_multiple_of':
      return `debe ser múltiplo de ${String(params['divisor'])}`;
    case 'invalid_union':
      return 'no corresponde a ninguna de las formas admitidas';
    case 'invalid_key':
      return 'tiene una clave no válida';
    case 'invalid_element':
      return 'tiene un elemento no válido';
    default:
      return 'valor no válido';
  }
}
