import type { ProblemFieldError } from './problem-details.js';

/** The shape fastify gives each failed check, whichever validator produced it. */
export interface SchemaValidationIssue {
  readonly instancePath: string;
  readonly message?: string | undefined;
}

const PART_NAMES: Readonly<Record<string, string>> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INDEX = /^(0|[1-9]\d*)$/;

/**
 * Turns fastify's validation issues into the fields a person must fix.
 *
 * fastify-type-provider-zod flattens zod's path into `instancePath` by joining
 * with `/` (`/indicators/0/code`), so an all-digit segment is read as an
 * array index: `body.indicators[0].code`. A key made only of digits would be
 * shown as an index too, and a key containing `/` cannot be told apart; both
 * are unlikely in this API's payloads, and `pointer` still names the place.
 */
export function toFieldErrors(part: string | undefined, issues: readonly SchemaValidationIssue[]): ProblemFieldError[] {
  const prefix = PART_NAMES[part ?? 'body'] ?? part ?? 'body';
  return issues.map((issue) => {
    const segments = issue.instancePath
      .split('/')
      .slice(1)
      .filter((segment) => segment !== '');
    return {
      path: prefix + segments.map(pathSegment).join(''),
      pointer: segments.map((segment) => '/' + segment.replaceAll('~', '~0').replaceAll('/', '~1')).join(''),
      message: issue.message ?? 'Invalid value.',
    };
  });
}

function pathSegment(segment: string): string {
  if (INDEX.test(segment)) return `[${segment}]`;
  if (IDENTIFIER.test(segment)) return `.${segment}`;
  return `[${JSON.stringify(segment)}]`;
}
