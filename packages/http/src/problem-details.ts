import { z } from 'zod';

/** RFC 9457: the media type of every error answer. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemFieldErrorSchema = z.object({
  path: z.string().describe('Where the bad value is, e.g. `body.indicators[0].code` or `query.limit`.'),
  pointer: z.string().describe('The same place as a JSON Pointer into that part of the request, e.g. `/indicators/0/code`.'),
  message: z.string().describe('What is wrong with it.'),
});

/**
 * The one shape of every error answer (RFC 9457 problem details), with two
 * extension members: `code`, stable for clients to branch on, and `errors`,
 * one entry per bad field. Registered under the id `ProblemDetails` so the
 * OpenAPI document lists it once, in `components.schemas`.
 */
export const problemDetailsSchema = z
  .object({
    type: z.string().describe('URI identifying the kind of problem: `urn:semaforo:problem:<code in kebab case>`.'),
    title: z.string().describe('Short summary of the kind of problem (Spanish, or English with `Accept-Language: en`).'),
    status: z.number().int().min(400).max(599).describe('The HTTP status code.'),
    detail: z.string().describe('What happened in this occurrence and what to do about it.'),
    code: z.string().describe('Stable machine-readable code, e.g. `VALIDATION_FAILED`, `PRECONDITION_FAILED`, `PLAN_NOT_FOUND`.'),
    instance: z.string().optional().describe('The request path that produced the problem.'),
    errors: z.array(problemFieldErrorSchema).optional().describe('For `VALIDATION_FAILED`: every bad field.'),
    details: z.record(z.string(), z.unknown()).optional().describe('Facts about this occurrence that help fix the request.'),
  })
  .meta({ id: 'ProblemDetails', description: 'An error answer (RFC 9457), sent as `application/problem+json`.' });

export type ProblemDetails = z.output<typeof problemDetailsSchema>;
export type ProblemFieldError = z.output<typeof problemFieldErrorSchema>;

const REASONS: Readonly<Record<number, string>> = {
  400: 'The request is invalid.',
  401: 'Authentication is required.',
  403: 'Not allowed.',
  404: 'Not found.',
  409: 'Conflict with the current state.',
  412: 'The resource changed since you read it.',
  413: 'The request body is too large.',
  415: 'Unsupported media type.',
  422: 'The request breaks a rule.',
  428: 'A precondition is required.',
  429: 'Too many requests.',
  500: 'Internal error.',
  503: 'Temporarily unavailable.',
};

/**
 * Declares problem answers in a route schema, so the OpenAPI document shows
 * them with their real media type:
 * `response: { 200: planSchema, ...problemResponses(400, 404, 412) }`.
 */
export function problemResponses<const S extends readonly number[]>(...statuses: S): { readonly [K in S[number]]: ProblemResponse } {
  const responses: Record<number, ProblemResponse> = {};
  for (const status of statuses) {
    responses[status] = {
      description: REASONS[status] ?? 'Error.',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemDetailsSchema } },
    };
  }
  return responses;
}

export interface ProblemResponse {
  readonly description: string;
  readonly content: { readonly [PROBLEM_CONTENT_TYPE]: { readonly schema: typeof problemDetailsSchema } };
}
