import type { Config } from './config.js';

/** Tracing as the services see it: no OpenTelemetry SDK type leaves `otel-sdk.ts`. */
export interface Tracing {
  /** The collector's base URL without any user or password in it, for the start-up log line. */
  readonly endpoint: string;
  readonly serviceName: string;
  /** Exports the spans still buffered, then stops: the last requests of a stopping service are not lost. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set, and
 * only then loads the SDK (a dynamic import): without it, the spans the write
 * path and the projector open through `@opentelemetry/api` stay no-ops and
 * nothing of the SDK is in the process.
 */
export async function startTracing(config: Pick<Config, 'otelEndpoint' | 'otelServiceName'>, defaultServiceName: string): Promise<Tracing | undefined> {
  if (config.otelEndpoint === undefined) return undefined;
  const { startOtelSdk } = await import('./otel-sdk.js');
  return startOtelSdk({ endpoint: config.otelEndpoint, serviceName: config.otelServiceName ?? defaultServiceName });
}
