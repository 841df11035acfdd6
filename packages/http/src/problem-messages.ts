import type { ProblemLanguage } from './problem-language.js';

/** One text in every language the API answers in. */
export interface LocalizedText {
  readonly es: string;
  readonly en: string;
}

/** What a problem's templates may interpolate: its `details` and the params its raiser passed. */
export type ProblemParams = Readonly<Record<string, unknown>>;

/**
 * A detail template: `{name}` is replaced by the param `name` (arrays are
 * joined with ", "). A function picks among texts when the choice depends
 * on a value rather than on which params are there.
 */
export type DetailTemplate = LocalizedText | ((params: ProblemParams) => LocalizedText | undefined);

/**
 * How one code reads to a person. `detail` lists templates most specific
 * first: the first whose placeholders the problem's params all supply is
 * used, so a code raised with more facts in one place and fewer in another
 * needs no variant names.
 */
export interface ProblemMessage {
  readonly title: LocalizedText;
  readonly detail: DetailTemplate | readonly DetailTemplate[];
}

export type ProblemMessages = Readonly<Record<string, ProblemMessage>>;

/**
 * The codes this package answers by itself (fastify's body and URL errors,
 * unknown routes, validation, ETags, the generic ones by status). The app
 * adds its own (`ProblemErrorHandlerOptions.messages`).
 */
export const HTTP_PROBLEM_MESSAGES = {
  VALIDATION_FAILED: {
    title: { en: 'The request has invalid fields', es: 'La solicitud tiene campos no válidos' },
    detail: [
      (params) =>
        params['count'] === 1
          ? {
              en: 'One field is invalid; see `errors` for each field and what is expected.',
              es: 'Un campo no es válido; vea en `errors` cada campo y lo que se espera.',
            }
          : undefined,
      {
        en: '{count} fields are invalid; see `errors` for each field and what is expected.',
        es: '{count} campos no son válidos; vea en `errors` cada campo y lo que se espera.',
      },
      {
        en: '{message}',
        es: 'Hay campos no válidos; vea en `errors` cada campo y lo que se espera.',
      },
    ],
  },
  MALFORMED_JSON: {
    title: { en: 'The request body is not valid JSON', es: 'El cuerpo de la solicitud no es JSON válido' },
    detail: (params) =>
      params['empty'] === true
        ? {
            en: 'The request body is empty but Content-Type says JSON. Send a JSON document, or no Content-Type header.',
            es: 'El cuerpo de la solicitud está vacío, pero Content-Type dice JSON. Envíe un documento JSON, o ninguna cabecera Content-Type.',
          }
        : {
            en: 'The request body is not valid JSON. Check quotes, commas and brackets, and that the body is UTF-8.',
            es: 'El cuerpo de la solicitud no es JSON válido. Revise comillas, comas y corchetes, y que el cuerpo esté en UTF-8.',
          },
  },
  MALFORMED_URL: {
    title: { en: 'The URL cannot be read', es: 'La URL no se puede leer' },
    detail: {
      en: 'The URL cannot be read: a part of its path is not valid percent-encoded UTF-8. Encode each path segment (encodeURIComponent).',
      es: 'La URL no se puede leer: una parte de su ruta no es UTF-8 válido codificado con porcentajes. Codifique cada segmento de la ruta (encodeURIComponent).',
    },
  },
  URI_TOO_LONG: {
    title: { en: 'The URL is too long', es: 'La URL es demasiado larga' },
    detail: {
      en: 'A part of the URL path is longer than any identifier of this API. Check the URL.',
      es: 'Una parte de la ruta de la URL es más larga que cualquier identificador de esta API. Revise la URL.',
    },
  },
  PAYLOAD_TOO_LARGE: {
    title: { en: 'The request body is too large', es: 'El cuerpo de la solicitud es demasiado grande' },
    detail: {
      en: 'The request body is larger than this API accepts. Split the request into smaller ones.',
      es: 'El cuerpo de la solicitud es más grande de lo que esta API acepta. Divida la solicitud en otras más pequeñas.',
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    title: { en: 'Unsupported media type', es: 'Tipo de contenido no admitido' },
    detail: {
      en: 'This API reads JSON only. Send the body with `Content-Type: application/json`.',
      es: 'Esta API solo lee JSON. Envíe el cuerpo con `Content-Type: application/json`.',
    },
  },
  NOT_FOUND: {
    title: { en: 'Not found', es: 'No encontrado' },
    detail: [
      {
        en: 'No route matches {method} {path}. Check the method and the path.',
        es: 'Ninguna ruta corresponde a {method} {path}. Revise el método y la ruta.',
      },
      { en: 'Not found.', es: 'No encontrado.' },
    ],
  },
  PRECONDITION_FAILED: {
    title: { en: 'The resource changed since you read it', es: 'El recurso cambió desde que lo leyó' },
    detail: (params) => {
      if (params['reason'] === 'absent-any') {
        return { en: 'If-Match: * requires the resource to exist, and it does not.', es: 'If-Match: * exige que el recurso exista, y no existe.' };
      }
      if (params['reason'] === 'absent') {
        return {
          en: 'The resource does not exist, so no If-Match ETag can match it.',
          es: 'El recurso no existe, así que ningún ETag de If-Match puede coincidir con él.',
        };
      }
      const current = params['currentVersion'];
      if (typeof current === 'number') {
        const version = String(current);
        return {
          en: `The resource changed since you read it: it is now at ETag "${version}". Read it again, check your change still applies, and retry with the new ETag.`,
          es: `El recurso cambió desde que lo leyó: ahora está en el ETag "${version}". Léalo de nuevo, compruebe que su cambio sigue siendo válido y reintente con el ETag nuevo.`,
        };
      }
      return {
        en: 'The resource changed while your request was processed. Read it again and retry with its new ETag.',
        es: 'El recurso cambió mientras se procesaba su solicitud. Léalo de nuevo y reintente con su ETag nuevo.',
      };
    },
  },
  INVALID_IF_MATCH: {
    title: { en: 'Invalid If-Match header', es: 'Cabecera If-Match no válida' },
    detail: {
      en: 'If-Match must be * or a list of quoted ETags such as "3", exactly as the ETag header sent them; got {header}.',
      es: 'If-Match debe ser * o una lista de ETags entre comillas como "3", tal como los envió la cabecera ETag; se recibió {header}.',
    },
  },
  INTERNAL: {
    title: { en: 'Internal error', es: 'Error interno' },
    detail: {
      en: 'Something went wrong on our side. Retry later; if it keeps failing, report the X-Request-Id of this response.',
      es: 'Algo falló de nuestro lado. Reintente más tarde; si sigue fallando, informe el X-Request-Id de esta respuesta.',
    },
  },
  // Other client errors fastify or its plugins raise, by status: their own
  // message is English and unknown to us, so the Spanish says what the status means.
  BAD_REQUEST: status('Bad request', 'Solicitud no válida', 'The request cannot be processed.', 'La solicitud no se puede procesar.'),
  UNAUTHORIZED: status('Unauthorized', 'No autenticado', 'Authentication is required.', 'Se requiere autenticación.'),
  FORBIDDEN: status('Forbidden', 'Prohibido', 'Not allowed.', 'No permitido.'),
  METHOD_NOT_ALLOWED: status('Method not allowed', 'Método no permitido', 'This method is not allowed here.', 'Este método no está permitido aquí.'),
  NOT_ACCEPTABLE: status(
    'Not acceptable',
    'No aceptable',
    'None of the representations asked for (Accept) can be produced.',
    'No se puede producir ninguna de las representaciones pedidas (Accept).',
  ),
  CONFLICT: status('Conflict', 'Conflicto', 'The request conflicts with the current state.', 'La solicitud choca con el estado actual.'),
  TOO_MANY_REQUESTS: status('Too many requests', 'Demasiadas solicitudes', 'Too many requests. Wait and retry.', 'Demasiadas solicitudes. Espere y reintente.'),
  CLIENT_ERROR: status('Bad request', 'Solicitud no válida', 'The request cannot be processed.', 'La solicitud no se puede procesar.'),
  ERROR: status('Error', 'Error', 'The request cannot be processed.', 'La solicitud no se puede procesar.'),
} satisfies ProblemMessages;

/** English keeps the raiser's message (fastify's, a plugin's); Spanish says what the status means. */
function status(titleEn: string, titleEs: string, detailEn: string, detailEs: string): ProblemMessage {
  return {
    title: { en: titleEn, es: titleEs },
    detail: [(params) => (params['message'] === undefined ? undefined : { en: '{message}', es: detailEs }), { en: detailEn, es: detailEs }],
  };
}

/** Codes `problemFromError` itself may answer, whatever the app: what every app's message table must cover. */
export const HTTP_PROBLEM_CODES = Object.keys(HTTP_PROBLEM_MESSAGES);

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The detail of `code` in `language` with `params` interpolated, or
 * undefined when the table has no template the params can fill (the caller
 * then keeps the raiser's own text).
 */
export function localizedDetail(messages: ProblemMessages, code: string, language: ProblemLanguage, params: ProblemParams): string | undefined {
  const message = messages[code];
  if (message === undefined) return undefined;
  const templates: readonly DetailTemplate[] = Array.isArray(message.detail) ? message.detail : [message.detail as DetailTemplate];
  for (const template of templates) {
    const text = typeof template === 'function' ? template(params) : template;
    if (text === undefined) continue;
    const filled = fill(text[language], params);
    if (filled !== undefined) return filled;
  }
  return undefined;
}

export function localizedTitle(messages: ProblemMessages, code: string, language: ProblemLanguage): string | undefined {
  return messages[code]?.title[language];
}

function fill(template: string, params: ProblemParams): string | undefined {
  let complete = true;
  const text = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      complete = false;
      return '';
    }
    return show(value);
  });
  return complete ? text : undefined;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
