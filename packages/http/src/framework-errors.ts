import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem-error-handler.js';
import { buildProblem } from './problem-from-error.js';
import { negotiateProblemLanguage } from './problem-language.js';

const KNOWN: Readonly<Record<string, { readonly status: number; readonly code: string; readonly detail: string }>> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'MALFORMED_URL',
    detail: 'The URL cannot be read: a part of its path is not valid percent-encoded UTF-8. Encode each path segment (encodeURIComponent).',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URI_TOO_LONG',
    detail: 'A part of the URL path is longer than any identifier of this API. Check the URL.',
  },
};

/** How much of a refused path goes back in `instance`: enough to recognise it, not a megabyte of it. */
const MAX_INSTANCE_LENGTH = 200;

/**
 * Fastify's `frameworkErrors` option: the errors its router raises before
 * any hook runs (a path it cannot decode, a parameter over its length
 * limit). Without it fastify answers them itself with a JSON body of its own
 * shape; with it they are problem+json like every other refusal.
 */
export function problemFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = KNOWN[error.code];
  const query = request.url.indexOf('?');
  const path = query === -1 ? request.url : request.url.slice(0, query);
  // The app's message table is not reachable from here; these codes are this package's own.
  const context = {
    language: negotiateProblemLanguage(request.headers['accept-language']),
    instance: path.length > MAX_INSTANCE_LENGTH ? `${path.slice(0, MAX_INSTANCE_LENGTH)}…` : path,
  };
  if (known === undefined) {
    request.log.error({ err: error }, 'request failed: unexpected framework error');
    const problem = buildProblem(
      {
        status: 500,
        code: 'INTERNAL',
        detail: 'Something went wrong on our side. Retry later; if it keeps failing, report the X-Request-Id of this response.',
      },
      context,
    );
    void sendProblem(reply, { problem, internal: true });
    return;
  }
  request.log.info({ problem: known.code, status: known.status }, 'request rejected');
  void sendProblem(reply, { problem: buildProblem(known, context), internal: false });
}
