export { registerZod } from './register-zod.js';
export { useUtf8JsonParser } from './utf8-json-parser.js';
export {
  PROBLEM_CONTENT_TYPE,
  problemDetailsSchema,
  problemFieldErrorSchema,
  problemResponses,
  type ProblemDetails,
  type ProblemFieldError,
  type ProblemResponse,
} from './problem-details.js';
export { HttpProblem, type HttpProblemOptions } from './http-problem.js';
export {
  buildProblem,
  problemFromError,
  problemType,
  type ErrorClass,
  type ProblemAnswer,
  type ProblemContext,
  type ProblemMapping,
  type ProblemRules,
} from './problem-from-error.js';
export { problemErrorHandler, sendProblem, type ProblemErrorHandlerOptions } from './problem-error-handler.js';
export { problemFrameworkErrors } from './framework-errors.js';
export { negotiateProblemLanguage, problemTitle, type ProblemLanguage } from './problem-language.js';
export { toFieldErrors, type SchemaValidationIssue } from './validation-errors.js';
export { expectedVersionForWrite, formatETag, parseIfMatch, type IfMatch } from './etag.js';
export { openApiDocs, type HttpSecurityScheme, type OpenApiDocsOptions } from './open-api-docs.js';
