import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpProblem } from './http-problem.js';
import type { ProblemDetails } from './problem-details.js';
import { problemTitle, type ProblemLanguage } from './problem-language.js';
import { HTTP_PROBLEM_MESSAGES, localizedDetail, type ProblemMessages, type ProblemParams } from './problem-messages.js';
import { toFieldErrors, type FieldMessageTranslations, type SchemaValidationIssue } from './validation-errors.js';

/** How one kind of error answers over HTTP. */
export interface ProblemMapping {
  readonly status: number;
  /** The code sent to clients; the error's own `code` when absent. */
  readonly code?: string;
  /**
   * The detail sent to clients; the error's message when absent. Set it when
   * the error's message is written for operators rather than for clients.
   */
  readonly detail?: string;
  /** Facts for the code's message templates, e.g. which of its wordings applies. */
  readonly params?: ProblemParams;
}

// `abstract` so that abstract base classes can be mapped too.
export type ErrorClass = abstract new (...args: never[]) => Error;

export interface ProblemRules {
  /** By the error's string `code` (domain errors). Checked first: a code is more specific than a class. */
  readonly codes: ReadonlyMap<string, ProblemMapping>;
  /**
   * By `instanceof`, in order, after codes: errors of other packages (the
   * event store's), or a base class as the default for codes not listed.
   */
  readonly errorClasses: ReadonlyArray<readonly [ErrorClass, ProblemMapping]>;
  /** Seconds a client should wait after a 503 unless the error says otherwise. */
  readonly retryAfterSeconds: number;
  /** Spanish of the schemas' own field messages. */
  readonly fieldMessages?: FieldMessageTranslations;
}

export interface ProblemContext {
  readonly language: ProblemLanguage;
  /** The request path (no query string: it may carry secrets). */
  readonly instance: string;
  /** Title and detail of each code, both languages; default: this package's own codes only. */
  readonly messages?: ProblemMessages;
}

export interface ProblemAnswer {
  readonly problem: ProblemDetails;
  /** Seconds for the `Retry-After` header, when the client should retry. */
  readonly retryAfterSeconds?: number;
  /**
   * True when the client was told nothing about what went wrong: the error
   * is ours, not the request's, and must be logged in full.
   */
  readonly internal: boolean;
}

const GENERIC_INTERNAL_DETAIL = 'Something went wrong on our side. Retry later; if it keeps failing, report the X-Request-Id of this response.';

const FASTIFY_CODES: Readonly<Record<string, { readonly status: number; readonly code: string; readonly detail: string; readonly params?: ProblemParams }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    detail: 'The request body is not valid JSON. Check quotes, commas and brackets, and that the body is UTF-8.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    detail: 'The request body is empty but Content-Type says JSON. Send a JSON document, or no Content-Type header.',
    params: { empty: true },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    detail: 'The request body is larger than this API accepts. Split the request into smaller ones.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'This API reads JSON only. Send the body with `Content-Type: application/json`.',
  },
};

export const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/** `VALIDATION_FAILED` → `urn:semaforo:problem:validation-failed`. */
export function problemType(code: string): string {
  return `urn:semaforo:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/**
 * A problem in the context's language: title and detail from the message
 * table of its code, with `details` and `params` interpolated; `detail` as
 * raised when the table has no text for the code (the test of the app's
 * table makes sure that never happens to a code it can answer).
 */
export function buildProblem(
  fields: {
    status: number;
    code: string;
    /** The raiser's own text (English): used only when the message table has none. */
    detail: string;
    errors?: ProblemDetails['errors'];
    details?: ProblemDetails['details'];
    /** Facts for the message templates that are not sent in `details`. */
    params?: ProblemParams;
  },
  context: ProblemContext,
): ProblemDetails {
  const messages = context.messages ?? HTTP_PROBLEM_MESSAGES;
  // `message`: the raised English text, for templates that keep it (a code raised with many wordings).
  const params = { message: fields.detail, ...fields.details, ...fields.params };
  return {
    type: problemType(fields.code),
    title: problemTitle(fields.code, fields.status, context.language, messages),
    status: fields.status,
    detail: localizedDetail(messages, fields.code, context.language, params) ?? fields.detail,
    code: fields.code,
    instance: context.instance,
    ...(fields.errors === undefined || fields.errors.length === 0 ? {} : { errors: fields.errors }),
    ...(fields.details === undefined || Object.keys(fields.details).length === 0 ? {} : { details: fields.details }),
  };
}

/**
 * Decides the HTTP answer to an error. Pure: the plugin sends and logs.
 *
 * Order matters: errors that already know their answer, then request
 * validation, then fastify's body errors, then mapped codes and classes,
 * then other client errors raised by fastify or its plugins; whatever is
 * left is ours and answers 500 with nothing internal in it.
 */
export function problemFromError(error: unknown, rules: ProblemRules, context: ProblemContext): ProblemAnswer {
  if (error instanceof HttpProblem) {
    return answer(
      {
        status: error.status,
        code: error.code,
        detail: error.message,
        ...(error.errors === undefined ? {} : { errors: [...error.errors] }),
        ...(error.details === undefined ? {} : { details: { ...error.details } }),
        ...(error.params === undefined ? {} : { params: error.params }),
      },
      context,
      rules,
      error.retryAfterSeconds,
    );
  }

  const candidate = asRecord(error);

  const validation = candidate?.['validation'];
  if (Array.isArray(validation) && validation.length > 0) {
    const part = typeof candidate?.['validationContext'] === 'string' ? candidate['validationContext'] : undefined;
    const errors = toFieldErrors(part, validation as SchemaValidationIssue[], context.language, rules.fieldMessages);
    const fields = errors.length === 1 ? 'One field is invalid' : `${errors.length} fields are invalid`;
    return answer(
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: `${fields}; see \`errors\` for each field and what is expected.`,
        errors,
        params: { count: errors.length },
      },
      context,
      rules,
    );
  }

  const code = typeof candidate?.['code'] === 'string' ? candidate['code'] : undefined;

  const fastifyKnown = code === undefined ? undefined : FASTIFY_CODES[code];
  if (fastifyKnown !== undefined) return answer(fastifyKnown, context, rules);

  const mapped = code === undefined ? undefined : rules.codes.get(code);
  if (mapped !== undefined) return answer(fromMapping(mapped, error, code), context, rules);

  if (error instanceof Error) {
    for (const [errorClass, mapping] of rules.errorClasses) {
      if (error instanceof errorClass) return answer(fromMapping(mapping, error, code), context, rules);
    }
  }

  const statusCode = candidate?.['statusCode'];
  if (!isResponseSerializationError(error) && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const message = error instanceof Error && error.message !== '' ? error.message : 'The request cannot be processed.';
    return answer({ status: statusCode, code: CODES_BY_STATUS[statusCode] ?? 'CLIENT_ERROR', detail: message, params: { message } }, context, rules);
  }

  return {
    problem: buildProblem({ status: 500, code: 'INTERNAL', detail: GENERIC_INTERNAL_DETAIL }, context),
    internal: true,
  };
}

function fromMapping(
  mapping: ProblemMapping,
  error: unknown,
  ownCode: string | undefined,
): { status: number; code: string; detail: string; details?: Record<string, unknown>; params?: ProblemParams } {
  const message = error instanceof Error ? error.message : '';
  const details = asRecord(asRecord(error)?.['details']);
  const raised = asRecord(asRecord(error)?.['params']);
  const params = mapping.params === undefined ? raised : { ...raised, ...mapping.params };
  return {
    status: mapping.status,
    code: mapping.code ?? ownCode ?? CODES_BY_STATUS[mapping.status] ?? 'ERROR',
    detail: mapping.detail ?? (message === '' ? 'The request cannot be processed.' : message),
    ...(details === undefined ? {} : { details }),
    ...(params === undefined ? {} : { params }),
  };
}

function answer(fields: Parameters<typeof buildProblem>[0], context: ProblemContext, rules: ProblemRules, retryAfterSeconds?: number): ProblemAnswer {
  const problem = buildProblem(fields, context);
  const retry = retryAfterSeconds ?? (fields.status === 503 ? rules.retryAfterSeconds : undefined);
  return retry === undefined ? { problem, internal: false } : { problem, retryAfterSeconds: retry, internal: false };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
