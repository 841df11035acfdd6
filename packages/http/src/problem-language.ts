/**
 * Titles in the client's language. Only `title` is translated: `detail`
 * comes from the code that raised the problem and stays English, and `code`
 * never changes, so clients branch on `code` whatever the language.
 */
export type ProblemLanguage = 'en' | 'es';

interface Title {
  readonly en: string;
  readonly es: string;
}

const TITLES_BY_CODE: Readonly<Record<string, Title>> = {
  VALIDATION_FAILED: { en: 'The request has invalid fields', es: 'La solicitud tiene campos no válidos' },
  MALFORMED_JSON: { en: 'The request body is not valid JSON', es: 'El cuerpo de la solicitud no es JSON válido' },
  MALFORMED_URL: { en: 'The URL cannot be read', es: 'La URL no se puede leer' },
  URI_TOO_LONG: { en: 'The URL is too long', es: 'La URL es demasiado larga' },
  PAYLOAD_TOO_LARGE: { en: 'The request body is too large', es: 'El cuerpo de la solicitud es demasiado grande' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'Unsupported media type', es: 'Tipo de contenido no admitido' },
  NOT_FOUND: { en: 'Not found', es: 'No encontrado' },
  PRECONDITION_FAILED: { en: 'The resource changed since you read it', es: 'El recurso cambió desde que lo leyó' },
  INVALID_IF_MATCH: { en: 'Invalid If-Match header', es: 'Cabecera If-Match no válida' },
  STORE_UNAVAILABLE: { en: 'The event store is unavailable', es: 'El almacén de eventos no está disponible' },
  INTERNAL: { en: 'Internal error', es: 'Error interno' },
  EDITION_NOT_FOUND: { en: 'The edition does not exist', es: 'La edición no existe' },
  EDITION_UNCHANGED: { en: 'That evaluation is already published', es: 'Esa evaluación ya está publicada' },
  UNAPPROVED_UNITS: { en: 'Some units are not approved for the period', es: 'Hay unidades sin aprobar en el período' },
  EDITION_CONTENT_MISMATCH: { en: 'The edition could not be regenerated exactly', es: 'La edición no se pudo regenerar con exactitud' },
};

const TITLES_BY_STATUS: Readonly<Record<number, Title>> = {
  400: { en: 'Bad request', es: 'Solicitud no válida' },
  401: { en: 'Unauthorized', es: 'No autenticado' },
  403: { en: 'Forbidden', es: 'Prohibido' },
  404: { en: 'Not found', es: 'No encontrado' },
  405: { en: 'Method not allowed', es: 'Método no permitido' },
  406: { en: 'Not acceptable', es: 'No aceptable' },
  409: { en: 'Conflict', es: 'Conflicto' },
  410: { en: 'Gone', es: 'Ya no existe' },
  412: { en: 'Precondition failed', es: 'Precondición no cumplida' },
  413: { en: 'Content too large', es: 'Contenido demasiado grande' },
  414: { en: 'URI too long', es: 'URI demasiado larga' },
  415: { en: 'Unsupported media type', es: 'Tipo de contenido no admitido' },
  422: { en: 'The request breaks a rule', es: 'La solicitud incumple una regla' },
  428: { en: 'Precondition required', es: 'Precondición requerida' },
  429: { en: 'Too many requests', es: 'Demasiadas solicitudes' },
  500: { en: 'Internal error', es: 'Error interno' },
  503: { en: 'Service unavailable', es: 'Servicio no disponible' },
};

export function problemTitle(code: string, status: number, language: ProblemLanguage): string {
  const title = TITLES_BY_CODE[code] ?? TITLES_BY_STATUS[status];
  if (title !== undefined) return title[language];
  return 'Error';
}

/**
 * Picks `es` when the client prefers Spanish (`es`, `es-SV`, `es-419`...) to
 * English by its q-values; English otherwise. Deliberately small: two
 * languages, no wildcard subtleties beyond "`*` means anything, so English".
 */
export function negotiateProblemLanguage(acceptLanguage: string | undefined): ProblemLanguage {
  if (acceptLanguage === undefined) return 'en';
  let best: { language: ProblemLanguage; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [rangeText = '', ...params] = part.trim().split(';');
    const range = rangeText.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = range.split('-')[0];
    const language: ProblemLanguage | undefined = primary === 'es' ? 'es' : primary === 'en' || primary === '*' ? 'en' : undefined;
    if (language === undefined) continue;
    // Ties keep the first listed, as clients list their preference first.
    if (best === undefined || q > best.q) best = { language, q };
  }
  return best?.language ?? 'en';
}
