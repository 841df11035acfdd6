import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';
import { buildProblem, problemFromError, type ErrorClass, type ProblemAnswer, type ProblemMapping } from './problem-from-error.js';
import { negotiateProblemLanguage } from './problem-language.js';
import { HTTP_PROBLEM_MESSAGES, type ProblemMessages } from './problem-messages.js';
import type { FieldMessageTranslations } from './validation-errors.js';

export interface ProblemErrorHandlerOptions {
  /**
   * Error codes and how they answer: `{ PLAN_NOT_FOUND: 404 }`, or a full
   * mapping to rename the code or replace the message. The app's one table:
   * route plugins add none of their own.
   */
  readonly codes?: Readonly<Record<string, number | ProblemMapping>>;
  /** Errors recognised by class, e.g. `[[ConcurrencyError, { status: 412, code: 'PRECONDITION_FAILED' }]]`. */
  readonly errorClasses?: ReadonlyArray<readonly [ErrorClass, ProblemMapping]>;
  /** `Retry-After` seconds for 503 answers (default 5). */
  readonly retryAfterSeconds?: number;
  /** Title and detail, Spanish and English, of the app's codes; added to this package's own. */
  readonly messages?: ProblemMessages;
  /** Spanish of the schemas' own English field messages. */
  readonly fieldMessages?: FieldMessageTranslations;
}

const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * The one error handler: every error, and every unknown route, answers
 * `application/problem+json` (RFC 9457). Client errors are logged at `info`
 * (they are the client's to fix); anything else is logged in full at
 * `error` and answers a generic 500 with no internal detail.
 *
 * Register it on the root instance before routes: it sets the root's error
 * and not-found handlers, which every route plugin inherits.
 */
const plugin: FastifyPluginAsync<ProblemErrorHandlerOptions> = async (app, options) => {
  const codes = new Map<string, ProblemMapping>(
    Object.entries(options.codes ?? {}).map(([code, mapping]) => [code, typeof mapping === 'number' ? { status: mapping } : mapping]),
  );
  const rules = {
    codes,
    errorClasses: options.errorClasses ?? [],
    retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    fieldMessages: options.fieldMessages ?? [],
  };
  const messages: ProblemMessages = { ...HTTP_PROBLEM_MESSAGES, ...options.messages };
  const contextOf = (request: FastifyRequest) => ({ language: languageOf(request), instance: pathOf(request.url), messages });

  app.setErrorHandler(async (error, request, reply) => {
    const result = problemFromError(error, rules, contextOf(request));
    if (result.internal) {
      request.log.error({ err: error }, 'request failed: unexpected error');
    } else {
      request.log.info({ problem: result.problem.code, status: result.problem.status }, 'request rejected');
    }
    if (reply.sent) return;
    return sendProblem(reply, result);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = pathOf(request.url);
    const problem = buildProblem(
      {
        status: 404,
        code: 'NOT_FOUND',
        detail: `No route matches ${request.method} ${path}. Check the method and the path.`,
        params: { method: request.method, path },
      },
      contextOf(request),
    );
    return sendProblem(reply, { problem, internal: false });
  });
};

export const problemErrorHandler = fp(plugin, { name: '@semaforo/http/problem-error-handler', fastify: '5.x' });

/**
 * Sends a problem answer. Serialized here rather than by the route's
 * response schema: an error answer must never fail to serialize.
 */
export function sendProblem(reply: FastifyReply, result: ProblemAnswer): FastifyReply {
  if (result.retryAfterSeconds !== undefined) reply.header('retry-after', String(result.retryAfterSeconds));
  return reply
    .code(result.problem.status)
    .header('content-language', languageOf(reply.request))
    .header('vary', 'Accept-Language')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(result.problem, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

function languageOf(request: FastifyRequest) {
  return negotiateProblemLanguage(request.headers['accept-language']);
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
