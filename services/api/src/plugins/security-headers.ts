import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers on every response. Our options are static (no
 * per-request nonces), so the headers are worked out once at start-up:
 * `@fastify/helmet` builds helmet's middleware again for every request,
 * which measured ~8 % of a write request's CPU (bench/README.md, http).
 */
const plugin: FastifyPluginAsync<HelmetOptions> = async (app, options) => {
  const headers = helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
};

export const securityHeaders = fp(plugin, { name: 'security-headers' });

/** What helmet's middleware would set, recorded on a stand-in response. */
function helmetHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), String(value));
      return response;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what helmet passed to next(), as it was
  if (failure !== undefined) throw failure;
  return [...headers];
}
