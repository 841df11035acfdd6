import type { EventStore } from '@semaforo/event-store';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The event log. Opened and closed by whoever built the app (server.ts, a test). */
    store: EventStore;
  }
}

const plugin: FastifyPluginAsync<{ readonly store: EventStore }> = async (app, options) => {
  app.decorate('store', options.store);
};

export const eventStore = fp(plugin, { name: 'event-store', fastify: '5.x' });
