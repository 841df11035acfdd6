import { StreamCache, WriteSide } from '@semaforo/commands';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The one write path: load, decide, append with the expected version.
     * One instance per app, so that its cache of warm aggregates is shared by
     * every request (a plan read once serves every indicator command after it).
     */
    writeSide: WriteSide;
  }
}

const plugin: FastifyPluginAsync = async (app) => {
  app.decorate('writeSide', new WriteSide(app.store, new StreamCache(), app.metrics.writeObserver));
};

export const writeSide = fp(plugin, { name: 'write-side', fastify: '5.x', dependencies: ['event-store', 'metrics'] });
