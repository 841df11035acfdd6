import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export interface OpenApiDocsOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  /** Where the browsable reference lives (default `/docs`). */
  readonly docsPath?: string;
  /** Where the document itself is served (default `/openapi.json`). */
  readonly documentPath?: string;
  /** `components.securitySchemes`, for operations that declare `security`. */
  readonly securitySchemes?: Readonly<Record<string, HttpSecurityScheme>>;
  /**
   * Called on every operation of the generated document, to add what the
   * route schemas do not say (header parameters every route takes, request
   * examples): `path` is OpenAPI's (`/v1/plans/{planId}`), `method` upper case.
   */
  readonly decorateOperation?: (operation: OpenApiOperation, method: string, path: string) => void;
}

/** The part of an OpenAPI operation object `decorateOperation` works on; the rest is left as generated. */
export interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; [key: string]: unknown }>;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown>; example?: unknown; [key: string]: unknown }>; [key: string]: unknown };
  [key: string]: unknown;
}

/** An OpenAPI security scheme of type `http` (e.g. bearer tokens). */
export interface HttpSecurityScheme {
  readonly type: 'http';
  readonly scheme: string;
  readonly bearerFormat?: string;
  readonly description?: string;
}

/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas, and a
 * browsable reference. Swagger UI's assets are served from this process
 * (@fastify/swagger-ui bundles them): the reference works with no internet.
 *
 * Register before the routes: @fastify/swagger collects routes as they are
 * added. Schemas given an id (`.meta({ id: 'X' })`, like `ProblemDetails`)
 * appear once in `components.schemas` and are referenced from each route.
 */
const plugin: FastifyPluginAsync<OpenApiDocsOptions> = async (app, options) => {
  const docsPath = options.docsPath ?? '/docs';
  const documentPath = options.documentPath ?? '/openapi.json';

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title,
        version: options.version,
        ...(options.description === undefined ? {} : { description: options.description }),
      },
      ...(options.securitySchemes === undefined
        ? {}
        : { components: { securitySchemes: Object.fromEntries(Object.entries(options.securitySchemes).map(([name, scheme]) => [name, { ...scheme }])) } }),
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => {
      const document = jsonSchemaTransformObject(input);
      const decorate = options.decorateOperation;
      if (decorate !== undefined && 'paths' in document && document.paths !== undefined) {
        for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, OpenApiOperation>>)) {
          for (const [method, operation] of Object.entries(item)) decorate(operation, method.toUpperCase(), path);
        }
      }
      return document;
    },
  });

  await app.register(fastifySwaggerUi, { routePrefix: docsPath });

  app.get(documentPath, { schema: { hide: true } }, async (_request, reply) => {
    return reply.type('application/json').send(app.swagger());
  });
};

export const openApiDocs = fp(plugin, { name: '@semaforo/http/open-api-docs', fastify: '5.x' });
