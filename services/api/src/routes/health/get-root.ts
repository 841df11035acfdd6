import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** `/` leads a person who opens the service in a browser to the API reference (to the web app, once there is one). */
export const getRoot: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs', 302));
};
