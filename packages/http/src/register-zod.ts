import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';

/**
 * Makes zod schemas the language of routes: requests are parsed (and typed)
 * by the route's zod schemas, responses encoded by them.
 *
 * Call once on the root instance, before any route is registered. Route
 * plugins still declare the provider themselves (`FastifyPluginAsyncZod`):
 * a type provider chosen on a parent does not flow into child plugins.
 */
export function registerZod(app: FastifyInstance) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app.withTypeProvider<ZodTypeProvider>();
}
