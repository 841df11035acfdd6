import type { OpenApiOperation } from '@semaforo/http';

/**
 * One valid request body per operation that takes one, shown by `/docs` as
 * the example to try: `METHOD /openapi/path` → body. `open-api-extras.test.ts`
 * sends each to its route and fails when one is refused as invalid, or when
 * an operation with a body has none here: a new route with a body adds its
 * line.
 */
export const REQUEST_EXAMPLES: Readonly<Record<string, unknown>> = {
  'POST /v1/plans': {
    institutionId: 'upisss',
    fiscalYear: 2021,
    name: 'Plan Anual de Trabajo 2021',
    perspectives: [
      { code: 'usuarios', name: 'Persona Usuaria' },
      { code: 'financiera', name: 'Financiera' },
    ],
  },
  'POST /v1/plans/{planId}/perspectives': { code: 'procesos', name: 'Procesos Internos' },
  'POST /v1/plans/{planId}/units': { code: 'DSP', name: 'Departamento de Pensiones', parentCode: 'DIV', areaClass: 'administrative' },
  'PATCH /v1/plans/{planId}/perspectives/{code}': { name: 'Derechohabientes', reason: 'Nombre del plan estratégico 2021-2025' },
  'POST /v1/plans/{planId}/perspectives/{code}/retirement': { reason: 'Fusionada con Procesos Internos' },
  'PATCH /v1/plans/{planId}/units/{code}': { name: 'Departamento de Prestaciones', parentCode: 'DIV', reason: 'Reestructuración aprobada en acuerdo 12/2021' },
  'POST /v1/plans/{planId}/units/{code}/retirement': { reason: 'Sus funciones pasaron a DSP' },
  'PUT /v1/plans/{planId}/evaluation-scale': { evaluationScale: { criticalBelow: '85', goodAbove: '99' } },
  'POST /v1/plans/{planId}/indicators': {
    code: 'IE-DSP-NA-26',
    name: 'Tiempo promedio de espera de la liquidación',
    kind: 'result',
    perspective: 'usuarios',
    unit: 'DSP',
    measure: 'days',
    periodicity: 'quarterly',
    polarity: 'lower-is-better',
    accumulation: 'average',
    formula: 'Días entre la solicitud y la liquidación, en promedio',
  },
  'PATCH /v1/plans/{planId}/indicators/{code}': { changes: { name: 'Tiempo promedio de espera de la liquidación (días)' }, reason: 'Nombre del catálogo 2021' },
  'POST /v1/plans/{planId}/indicators/{code}/retirement': { reason: 'Sustituido por IE-DSP-NA-27' },
  'PUT /v1/plans/{planId}/indicators/{code}/targets/{period}': { value: '10' },
  'PUT /v1/plans/{planId}/indicators/{code}/results/{period}': { value: '8.2', numerator: '820', denominator: '100' },
  'PUT /v1/plans/{planId}/indicators/{code}/plausibility-rules': {
    minimum: { value: '0', level: 'refuse' },
    maximum: { value: '150', level: 'warn' },
    ratioCheck: { scale: '1', level: 'warn' },
    reason: 'Un resultado por encima de 150 días se revisa con la unidad',
  },
  'POST /v1/plans/{planId}/indicators/{code}/justifications/{period}': {
    text: 'La demanda del trimestre superó la capacidad del departamento.',
    correctiveActions: [{ action: 'Contratar dos analistas temporales', owner: 'Jefatura de Pensiones', dueDate: '2021-09-30' }],
  },
  'PUT /v1/plans/{planId}/number-format': { numberFormat: { decimalSeparator: ',', thousandsSeparator: '.', percentStyle: 'spaced', currencySymbol: '$' } },
  'PUT /v1/plans/{planId}/data-entry-window': { periodicity: 'quarterly', days: 15 },
  'POST /v1/plans/{planId}/periods/{period}/units/{unit}/submission': { comment: 'Resultados del trimestre completos' },
  'POST /v1/plans/{planId}/periods/{period}/units/{unit}/approval': { comment: 'Revisado por Planes y Proyectos Estratégicos' },
  'POST /v1/plans/{planId}/periods/{period}/units/{unit}/return': { comment: 'Falta la justificación de IE-DSP-NA-26' },
  'POST /v1/plans/{planId}/periods/{period}/units/{unit}/unapproval': { reason: 'Aprobado por error' },
  'POST /v1/plans/{planId}/periods/{period}/units/{unit}/reopening': { reason: 'Corrección del resultado de marzo' },
  'POST /v1/plans/{planId}/evaluations/{period}/editions': { reason: 'Primera publicación del trimestre', allowUnapprovedUnits: false },
  'POST /v1/access/tokens': { role: 'reporter', units: ['DSP'], label: 'Ana Pérez, Departamento de Pensiones', holderName: 'Ana Pérez', holderUnit: 'DSP' },
  'POST /v1/access/tokens/{tokenId}/revocation': { reason: 'Dejó la institución' },
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const HEADERS = {
  acceptLanguage: {
    in: 'header',
    name: 'Accept-Language',
    required: false,
    schema: { type: 'string', examples: ['es', 'en'] },
    description:
      'The language of error answers (`title`, `detail`, each `errors[].message`) and, where a route answers CSV, of its headers: Spanish by default, English when `en` is preferred. The problem `code` is the same in both.',
  },
  idempotencyKey: {
    in: 'header',
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 255 },
    description:
      'Any unique string (a UUID): a retry with the same key and body gets the first answer back (`Idempotent-Replayed: true`) and changes nothing; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`. Kept 24 hours.',
  },
} as const;

/**
 * What every operation of the OpenAPI document gets besides its route's
 * schemas: the header parameters the API reads on every route (the
 * language of errors, the idempotency key of every write; `If-Match` comes
 * from each write's header schema), the example body, and bodies shown as
 * strict (`additionalProperties: false`), as the validator treats them.
 */
export function decorateOperation(operation: OpenApiOperation, method: string, path: string): void {
  const parameters = (operation.parameters ??= []);
  const has = (name: string) => parameters.some((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === name.toLowerCase());
  if (!has('Accept-Language')) parameters.push({ ...HEADERS.acceptLanguage });
  if (WRITE_METHODS.has(method) && path.startsWith('/v1/') && !has('Idempotency-Key')) parameters.push({ ...HEADERS.idempotencyKey });

  const json = operation.requestBody?.content?.['application/json'];
  if (json === undefined) return;
  if (json.schema !== undefined) closeObjects(json.schema);
  const example = REQUEST_EXAMPLES[`${method} ${path}`];
  if (example !== undefined) json.example = example;
}

/** JSON Schema objects in a body: no property but those named, as `strictObjects` validates them. */
function closeObjects(schema: Record<string, unknown>): void {
  if (schema['type'] === 'object' && schema['properties'] !== undefined && schema['additionalProperties'] === undefined) {
    schema['additionalProperties'] = false;
  }
  for (const value of Object.values(schema)) {
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) closeObjects(item as Record<string, unknown>);
    } else if (typeof value === 'object' && value !== null) {
      closeObjects(value as Record<string, unknown>);
    }
  }
}
