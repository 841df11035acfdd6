export { registerZod, type RegisterZodOptions } from './register-zod.js';
export { numberTextsOf, plainDecimalText, recordNumberTexts } from './json-number-texts.js';
export { applyInputAliases, enumOptions, strictObjects, stringPatterns, type InputAlias } from './request-schemas.js';
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
  CODES_BY_STATUS,
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
export { DEFAULT_PROBLEM_LANGUAGE, negotiateProblemLanguage, problemTitle, type ProblemLanguage } from './problem-language.js';
export {
  HTTP_PROBLEM_CODES,
  HTTP_PROBLEM_MESSAGES,
  localizedDetail,
  localizedTitle,
  type DetailTemplate,
  type LocalizedText,
  type ProblemMessage,
  type ProblemMessages,
  type ProblemParams,
} from './problem-messages.js';
export { toFieldErrors, type FieldMessageTranslations, type SchemaValidationIssue } from './validation-errors.js';
export { expectedVersionForWrite, formatETag, parseIfMatch, type IfMatch } from './etag.js';
export { openApiDocs, type HttpSecurityScheme, type OpenApiDocsOptions, type OpenApiOperation } from './open-api-docs.js';
