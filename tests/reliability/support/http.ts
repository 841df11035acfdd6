/**
 * HTTP as a client on the network sees it: real sockets, and a deadline on
 * every request, so that a server that hangs fails the test instead of
 * stalling it (`NoAnswer`).
 */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Milliseconds from sending to the whole body received. */
  readonly ms: number;
}

export interface HttpRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON (objects) or as it is (strings, bytes). */
  readonly body?: unknown;
  /** Default 20 s: longer than any answer the service should ever take, even with its database down. */
  readonly timeoutMs?: number;
}

/** The request got no answer: the deadline passed, or the connection failed (refused, reset). */
export class NoAnswer extends Error {
  override readonly name = 'NoAnswer';
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export async function send(baseUrl: string, request: HttpRequest): Promise<HttpAnswer> {
  const timeoutMs = request.timeoutMs ?? 20_000;
  const headers: Record<string, string> = { ...request.headers };
  let body: string | Uint8Array | undefined;
  if (request.body === undefined) body = undefined;
  else if (typeof request.body === 'string' || request.body instanceof Uint8Array) body = request.body;
  else {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const started = performance.now();
  const method = request.method ?? 'GET';
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method,
      headers,
      signal: AbortSignal.timeout(timeoutMs),
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new NoAnswer('timeout', `${method} ${request.path}: no answer within ${timeoutMs} ms`, { cause: error });
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    throw new NoAnswer('network', `${method} ${request.path}: ${error instanceof Error ? error.message : String(error)} ${cause}`.trim(), { cause: error });
  }
}

export function jsonOf<T = unknown>(answer: HttpAnswer): T {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new Error(`expected JSON, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
}

/** An `application/problem+json` answer with a `status` member equal to the HTTP status and a stable `code`. */
export function isProblem(answer: HttpAnswer): boolean {
  if (!(answer.headers.get('content-type') ?? '').startsWith('application/problem+json')) return false;
  try {
    const problem = JSON.parse(answer.text) as { status?: unknown; code?: unknown };
    return problem.status === answer.status && typeof problem.code === 'string';
  } catch {
    return false;
  }
}

/** Whether a 5xx answer carries what only a developer should see. */
export function leaksInternals(text: string): boolean {
  return /\bat .+\.(ts|js):\d+|node_modules|stack|ECONNREFUSED|SqlUnavailableError|pg-pool/i.test(text);
}
