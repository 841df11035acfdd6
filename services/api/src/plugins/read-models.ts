import { HttpProblem } from '@semaforo/http';
import { createKysely, type SqlClient, type AnyKysely } from '@semaforo/sql';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The database holding the read models (projections' schemas and the
     * projector's registry), for query routes. Throws a 503 problem when the
     * app was built without one.
     */
    readModels(): AnyKysely;
  }
}

export interface ReadModelsOptions {
  /** Opened and closed by whoever built the app; absent: read routes answer 503. */
  readonly sql?: SqlClient | undefined;
}

const plugin: FastifyPluginAsync<ReadModelsOptions> = async (app, options) => {
  const db: AnyKysely | undefined = options.sql === undefined ? undefined : createKysely(options.sql);
  app.decorate('readModels', () => {
    if (db === undefined) {
      throw new HttpProblem(503, 'READ_MODELS_UNAVAILABLE', 'This server has no read models configured. Retry later.', { retryAfterSeconds: 5 });
    }
    return db;
  });
  // The SqlClient is not ours to close; the kysely wrapper holds nothing of its own.
  app.addHook('onClose', async () => {
    await db?.destroy();
  });
};

export const readModels = fp(plugin, { name: 'read-models', fastify: '5.x' });
