import type { ProblemRules } from '@semaforo/http';
import { problemMappings } from '../problem-mappings.js';

/** The API's own problem rules: a page answers a refusal with the same code and status as the route it mirrors. */
export const PAGE_PROBLEM_RULES: ProblemRules = {
  codes: new Map(Object.entries(problemMappings.codes ?? {}).map(([code, mapping]) => [code, typeof mapping === 'number' ? { status: mapping } : mapping])),
  errorClasses: problemMappings.errorClasses ?? [],
  retryAfterSeconds: problemMappings.retryAfterSeconds ?? 5,
};
