import type { FastifyInstance, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { safeParse, type $ZodIssue, type $ZodType } from 'zod/v4/core';
import { numberTextsOf } from './json-number-texts.js';
import { applyInputAliases, strictObjects, type InputAlias } from './request-schemas.js';

export interface RegisterZodOptions {
  /** The spellings the request parts accept besides the schema's own (see `InputAlias`); none by default. */
  readonly inputAlias?: InputAlias;
}

/**
 * Makes zod schemas the language of routes: requests are parsed (and typed)
 * by the route's zod schemas, responses encoded by them.
 *
 * Every body schema is made strict here, once per route, so an unknown
 * field is refused with its path on every route, a route added tomorrow
 * included, whatever its schema says (`strictObjects`). Bodies and query
 * strings take the app's input aliases before they are validated.
 *
 * Call once on the root instance, before any route is registered. Route
 * plugins still declare the provider themselves (`FastifyPluginAsyncZod`):
 * a type provider chosen on a parent does not flow into child plugins.
 */
export function registerZod(app: FastifyInstance, options: RegisterZodOptions = {}) {
  app.setValidatorCompiler(validatorCompiler(options.inputAlias));
  app.setSerializerCompiler(serializerCompiler);
  return app.withTypeProvider<ZodTypeProvider>();
}

function validatorCompiler(inputAlias: InputAlias | undefined): FastifySchemaCompiler<$ZodType> {
  return ({ schema, httpPart }) => {
    const isBody = httpPart === 'body';
    const checked = isBody ? strictObjects(schema) : schema;
    const aliased = inputAlias !== undefined && (isBody || httpPart === 'querystring');
    return (data: unknown) => {
      const input = aliased ? applyInputAliases(checked, data, inputAlias, isBody ? numberTextsOf(data) : undefined) : data;
      const result = safeParse(checked, input);
      if (result.success) return { value: result.data };
      return { error: result.error.issues.map(validationIssue) };
    };
  };
}

/** The shape fastify-type-provider-zod gives each issue (its own compiler's), so errors read the same. */
function validationIssue(issue: $ZodIssue): FastifySchemaValidationError {
  const { path, code, message, ...params } = issue;
  return {
    keyword: code,
    instancePath: `/${path.join('/')}`,
    schemaPath: `#/${path.join('/')}/${code}`,
    message,
    params,
  };
}
