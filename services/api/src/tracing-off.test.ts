import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { trace } from '@opentelemetry/api';
import t from 'tap';

/*
 * Every module this process resolves from here on, reported by a resolve hook
 * (hooks run on their own thread; the port brings each URL back, in order).
 * The app is imported only after the hook is in place, so its whole graph is seen.
 */
const { port1, port2 } = new MessageChannel();
const resolved: string[] = [];
port1.on('message', (url: string) => resolved.push(url));
port1.unref();
const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });

const TRACING_MODULES = /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:@fastify\/otel|@opentelemetry\/(?!api\/))|\/otel-sdk\.ts$/;

async function resolvedUntil(sentinel: RegExp): Promise<string[]> {
  for (let waited = 0; waited < 5_000; waited += 10) {
    const index = resolved.findIndex((url) => sentinel.test(url));
    if (index !== -1) return resolved.slice(0, index);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the resolve hook never reported ${sentinel}`);
}

t.test('without OTEL_EXPORTER_OTLP_ENDPOINT, no OpenTelemetry SDK nor @fastify/otel is loaded, and the spans record nothing', async (t) => {
  const { routeHarness } = await import('./testing/route-test-harness.js');
  const { startTracing } = await import('@semaforo/runtime');
  const { app, newPlan } = await routeHarness(t);
  t.notOk(app.hasPlugin('request-tracing'), 'no request tracing plugin');
  t.equal(await startTracing({}, 'semaforo-api'), undefined, 'startTracing does nothing');
  const plan = newPlan();
  const response = await app.inject({ method: 'POST', url: '/v1/plans', payload: plan.body });
  t.equal(response.statusCode, 201, 'a write runs the write path, and its span');
  t.notOk(trace.getTracer('test').startSpan('probe').isRecording(), 'no tracer provider: spans are no-ops');

  // The sentinel, last: once its URL is back, every earlier resolution is too.
  await import('@fastify/otel');
  const before = await resolvedUntil(/@fastify\/otel\//);
  t.ok(
    before.some((url) => url.endsWith('/services/api/src/app.ts')),
    'the hook saw the app load',
  );
  t.same(
    before.filter((url) => TRACING_MODULES.test(url)),
    [],
    'nothing of tracing but the API',
  );
});
