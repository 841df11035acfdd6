import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const serverFile = fileURLToPath(new URL('./server.ts', import.meta.url));

/** One span as OTLP/HTTP's JSON encoding carries it, with its resource's service name. */
interface ExportedSpan {
  readonly serviceName: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpBody {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
        links?: Array<{ traceId: string; spanId: string }>;
      }>;
    }>;
  }>;
}

const valueOf = (value: OtlpValue): string | number | boolean =>
  value.stringValue ?? (value.intValue === undefined ? (value.boolValue ?? '') : Number(value.intValue));
const attributesOf = (attributes: OtlpAttribute[] = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

/** A collector's OTLP/HTTP endpoint in miniature: records what is POSTed to /v1/traces. */
async function startReceiver(): Promise<{ server: Server; url: string; posts: string[]; spans: () => ExportedSpan[] }> {
  const posts: string[] = [];
  const received: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      posts.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      if (request.method === 'POST' && request.url === '/v1/traces') {
        for (const resourceSpans of (JSON.parse(body) as OtlpBody).resourceSpans ?? []) {
          const serviceName = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? [])
            for (const span of scope.spans ?? [])
              received.push({
                serviceName,
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId ?? '',
                name: span.name,
                attributes: attributesOf(span.attributes),
                links: (span.links ?? []).map(({ traceId, spanId }) => ({ traceId, spanId })),
              });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, posts, spans: () => received };
}

/** server.ts from sources, as server.test.ts runs it; resolves with its URL and the first admin token it prints. */
function startApi(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', serverFile], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', DATA_DIR: 'memory://', LOG_LEVEL: 'info', SEMAFORO_INSTITUTION: 'demo', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'close') as Promise<[number | null]>;
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  const ready = new Promise<{ url: string; token: string }>((resolve, reject) => {
    let url: string | undefined;
    let token: string | undefined;
    const settle = () => url !== undefined && token !== undefined && resolve({ url, token });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry['msg'] === 'Semáforo API listening' && typeof entry['url'] === 'string') url = entry['url'];
      settle();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      token ??= /\b(smf_demo\.\S+)/.exec(stderr)?.[1];
      settle();
    });
    void exited.then(([code]) => reject(new Error(`the API exited with ${code} before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, exited, ready, lines };
}

async function writeAndRead(url: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const opened = await fetch(`${url}/v1/plans`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ institutionId: 'demo', fiscalYear: 2021, name: 'PAT 2021', perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] }),
  });
  const written = (await opened.json()) as { position?: string };
  // The audit trail waits for its projection (READ_WAIT_MS): a projector batch has committed the plan by then.
  const audit = await fetch(`${url}/v1/plans/demo-2021/audit?limit=50`, { headers: { authorization: `Bearer ${token}` } });
  await audit.arrayBuffer();
  await fetch(`${url}/health`).then((response) => response.arrayBuffer());
  return { status: opened.status, auditStatus: audit.status, position: written.position };
}

t.test(
  'with OTEL_EXPORTER_OTLP_ENDPOINT, a write is one trace: the request, and the write path inside it; a projector batch has its span, linked to the write',
  async (t) => {
    const receiver = await startReceiver();
    t.teardown(() => receiver.server.close());
    const api = startApi({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    t.teardown(() => {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    });
    const { url, token } = await api.ready;
    t.ok(
      api.lines.some((line) => line['msg'] === 'tracing: spans exported over OTLP/HTTP' && line['serviceName'] === 'semaforo-api'),
      'says where spans go',
    );
    const { status, auditStatus } = await writeAndRead(url, token);
    t.equal(status, 201, 'the plan is opened');
    t.equal(auditStatus, 200);

    // The batch processor exports every few seconds; the stop flushes what is left.
    api.child.kill('SIGTERM');
    const [code] = await api.exited;
    t.equal(code, 0, 'stops cleanly');

    t.ok(receiver.posts.length > 0, 'the exporter posted');
    t.ok(
      receiver.posts.every((post) => post === 'POST /v1/traces application/json'),
      `JSON, to the traces path of the endpoint: ${receiver.posts.join(', ')}`,
    );
    const spans = receiver.spans();
    t.ok(
      spans.every((span) => span.serviceName === 'semaforo-api'),
      'every span names the service',
    );
    const request = spans.find(
      (span) => span.name === 'request' && span.attributes['http.route'] === '/v1/plans' && span.attributes['http.request.method'] === 'POST',
    );
    if (request === undefined) throw new Error(`no request span for POST /v1/plans among ${spans.map((span) => span.name).join(', ')}`);
    t.equal(request.attributes['http.response.status_code'], 201);
    const write = spans.find((span) => span.name === 'execute OpenPlan');
    if (write === undefined) throw new Error(`no write-path span among ${spans.map((span) => span.name).join(', ')}`);
    t.equal(write.traceId, request.traceId, 'the write path is in the request’s trace');
    // Its parent is the handler's span, the request's child.
    const parent = spans.find((span) => span.spanId === write.parentSpanId);
    t.equal(parent?.parentSpanId, request.spanId, 'under the request, through its handler');
    t.match(write.attributes, {
      'semaforo.stream.name': 'plan-demo-2021',
      'semaforo.command.type': 'OpenPlan',
      'semaforo.events.appended': 1,
      'semaforo.log.position': /^\d+/,
    });
    // The batch that applied the plan links back to the write that appended it: the trace goes on into the projector.
    const batch = spans.find(
      (span) => span.name === 'projection batch audit-trail' && span.links.some((link) => link.traceId === write.traceId && link.spanId === write.spanId),
    );
    if (batch === undefined) throw new Error(`no audit-trail batch span linked to the write among ${spans.map((span) => span.name).join(', ')}`);
    t.match(batch.attributes, {
      'semaforo.projection.name': 'audit-trail',
      'semaforo.projection.version': Number,
      'semaforo.batch.events': Number,
      'semaforo.batch.applied': Number,
      'semaforo.checkpoint': /^\d+/,
    });
    t.equal(batch.parentSpanId, '', 'a batch is a root: it serves many requests');
    t.notOk(
      spans.some((span) => span.attributes['url.path'] === '/health'),
      'probes are not traced',
    );
  },
);

t.test('without OTEL_EXPORTER_OTLP_ENDPOINT, nothing is exported, even where the SDK would look by itself', async (t) => {
  const receiver = await startReceiver();
  t.teardown(() => receiver.server.close());
  // The SDK's own variables, which it would honour if it were loaded: it is not.
  const api = startApi({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`, OTEL_TRACES_EXPORTER: 'otlp' });
  t.teardown(() => {
    if (api.child.exitCode === null) api.child.kill('SIGKILL');
  });
  const { url, token } = await api.ready;
  t.equal((await writeAndRead(url, token)).status, 201);
  api.child.kill('SIGTERM');
  const [code] = await api.exited;
  t.equal(code, 0);
  t.same(receiver.posts, [], 'no request reached the receiver');
  t.notOk(
    api.lines.some((line) => String(line['msg']).startsWith('tracing')),
    'no tracing line',
  );
});
