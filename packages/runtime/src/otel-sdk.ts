import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Tracing } from './tracing.js';

/**
 * The OpenTelemetry SDK's adapter, loaded only by `startTracing`. The
 * provider is registered globally, with Node's AsyncLocalStorage context
 * manager and the W3C trace-context propagator: so a span opened through
 * `@opentelemetry/api` anywhere below a request (the write path) is that
 * request's child, and an incoming `traceparent` is honoured.
 */
export function startOtelSdk(options: { readonly endpoint: string; readonly serviceName: string }): Tracing {
  // OTLP/HTTP with JSON bodies (this exporter's encoding); the signal's path as the specification adds it to the base URL.
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  return {
    endpoint: withoutCredentials(options.endpoint),
    serviceName: options.serviceName,
    shutdown: () => provider.shutdown(),
  };
}

function withoutCredentials(endpoint: string): string {
  const url = new URL(endpoint);
  url.username = '';
  url.password = '';
  return url.href;
}
