import { HTTP_PROBLEM_MESSAGES, localizedTitle, type ProblemMessages } from './problem-messages.js';

/**
 * The languages of problem answers. Titles and details come from the
 * message table of each code (`problem-messages.ts` and the app's own);
 * these titles by status are for codes with no entry. `code` never changes,
 * so clients branch on `code` whatever the language.
 */
export type ProblemLanguage = 'en' | 'es';

/** The institutions served write and read Spanish: a client that says nothing (or `*`) gets Spanish. */
export const DEFAULT_PROBLEM_LANGUAGE: ProblemLanguage = 'es';

interface Title {
  readonly en: string;
  readonly es: string;
}

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

export function problemTitle(code: string, status: number, language: ProblemLanguage, messages: ProblemMessages = HTTP_PROBLEM_MESSAGES): string {
  return localizedTitle(messages, code, language) ?? TITLES_BY_STATUS[status]?.[language] ?? 'Error';
}

/**
 * Picks `en` when the client prefers English to Spanish by its q-values;
 * Spanish otherwise (no header, `*`, or only languages we do not speak).
 * Deliberately small: two languages, no wildcard subtleties beyond "`*`
 * means anything, so the default".
 */
export function negotiateProblemLanguage(acceptLanguage: string | undefined): ProblemLanguage {
  if (acceptLanguage === undefined) return DEFAULT_PROBLEM_LANGUAGE;
  let best: { language: ProblemLanguage; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [rangeText = '', ...params] = part.trim().split(';');
    const range = rangeText.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = range.split('-')[0];
    const language: ProblemLanguage | undefined = primary === 'es' ? 'es' : primary === 'en' ? 'en' : primary === '*' ? DEFAULT_PROBLEM_LANGUAGE : undefined;
    if (language === undefined) continue;
    // Ties keep the first listed, as clients list their preference first.
    if (best === undefined || q > best.q) best = { language, q };
  }
  return best?.language ?? DEFAULT_PROBLEM_LANGUAGE;
}
