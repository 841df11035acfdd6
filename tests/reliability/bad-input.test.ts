import { inspect } from 'node:util';
import fc, { type Arbitrary } from 'fast-check';
import t from 'tap';
import { buildApp, type App } from '@semaforo/api';
import { runProjections } from '@semaforo/projector';
import { allProjections, findRepoRoot, loadConfig } from '@semaforo/runtime';
import type { SqlClient } from '@semaforo/sql';
import { postgresRequired } from '@semaforo/sql/testing';
import { bootstrapAdminToken } from './support/api-server.js';
import { freshDatabase } from './support/database.js';
import { nastyHeaderValue, nastyString, nastyValue, percentEncode, rawPathSegment } from './support/nasty.js';
import { PROFILE, sized } from './support/profile.js';
import { isStorableText, resolve, validValue, type JsonSchema } from './support/schema-arbitrary.js';

/*
 * Bad input, by property-based fuzzing (fast-check) of every route the app
 * registers (its own catalog, not a list kept here: a new route is fuzzed
 * the day it is added). Paths, query strings, headers and bodies: malformed
 * JSON, wrong types, huge numbers, non-decimal strings, unknown periods,
 * unicode edge cases (lone surrogates, NUL, right-to-left, combining marks,
 * emoji), oversize bodies, injection strings, and valid requests too.
 *
 * For every request: never a 5xx; every refusal is a 4xx
 * application/problem+json whose `status` is the HTTP status; a refused
 * request leaves the log exactly as it was (count and last position, read
 * from the events table itself). For every accepted write: each free-text
 * field it sent is stored in its event and returned by the API byte for
 * byte.
 *
 * In process (app.inject: the whole fastify pipeline, parsers, limits and
 * hooks, without sockets, so thousands of requests take seconds) on a real
 * PostgreSQL database, with the projections running as in the API.
 * RELIABILITY_SEED=<n> replays a run.
 */

const RUNS_PER_ROUTE = sized({ short: 25, long: 500 });
const seed = Number(process.env['RELIABILITY_SEED'] ?? Date.now() % 1_000_000);
const PLAN_ID = 'fuzz-2021';

interface OpenApiOperation {
  readonly parameters?: readonly { readonly in: string; readonly name: string; readonly schema?: JsonSchema }[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: JsonSchema }> };
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components?: { schemas?: Record<string, JsonSchema> };
}

type Body =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown; readonly label: string }
  | { readonly kind: 'raw'; readonly bytes: Buffer; readonly label: string };

interface FuzzRequest {
  readonly path: string;
  readonly query: string;
  readonly headers: Record<string, string>;
  readonly body: Body;
  readonly contentType: string | undefined;
}

interface LogState {
  readonly events: string;
  /** The last global position ('0' for none). */
  readonly last: string;
}

/**
 * The log as the database has it: how many events and the last sequence
 * number. Read from the table, not through the store's head, which stops
 * below the oldest transaction running anywhere in the cluster (other test
 * files share it) and so may lag behind our own commits.
 */
async function logState(sql: SqlClient): Promise<LogState> {
  const { rows } = await sql.query<{ n: string; last: string | null }>('SELECT count(*)::text AS n, max(global_position)::text AS last FROM events');
  return { events: rows[0]!.n, last: rows[0]!.last ?? '0' };
}

const sameLog = (a: LogState, b: LogState): boolean => a.events === b.events && a.last === b.last;
const describeLog = (s: LogState): string => `${s.events} events, last ${s.last}`;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Every string in a JSON value (keys left out). */
function stringLeaves(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringLeaves(item, into);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringLeaves(item, into);
  return into;
}

/** The free-text fields of a request body (strings whose schema has no pattern, enum or format): what must come back byte for byte. */
function textFields(value: unknown, schema: JsonSchema | undefined, document: OpenApiDocument, into: string[] = []): string[] {
  if (schema === undefined) return into;
  const s = resolve(schema, document);
  for (const alternative of s.anyOf ?? s.oneOf ?? []) textFields(value, alternative, document, into);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'string' && typeof value === 'string' && s.pattern === undefined && s.enum === undefined && s.format === undefined) into.push(value);
  else if (type === 'array' && Array.isArray(value)) for (const item of value) textFields(item, s.items, document, into);
  else if ((type === 'object' || type === undefined) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) textFields(item, s.properties?.[key], document, into);
  }
  return into;
}

/** A valid body with one thing wrong: a field replaced by a nasty value, a required one dropped, or an unknown one added. */
function mutated(valid: Arbitrary<unknown>): Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), nastyValue, fc.constantFrom('replace', 'drop', 'add')).map(([value, pick, nasty, how]) => {
    const copy = structuredClone<unknown>(value);
    const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach((item, index) => (slots.push({ parent: node, key: index }), walk(item)));
      else if (typeof node === 'object' && node !== null)
        for (const [key, item] of Object.entries(node)) {
          slots.push({ parent: node as Record<string, unknown>, key });
          walk(item);
        }
    };
    walk(copy);
    if (slots.length === 0 || how === 'add') {
      if (typeof copy === 'object' && copy !== null && !Array.isArray(copy)) (copy as Record<string, unknown>)[`unknown${pick % 3}`] = nasty;
      else return nasty;
      return copy;
    }
    const slot = slots[pick % slots.length]!;
    if (how === 'drop' && !Array.isArray(slot.parent)) delete slot.parent[slot.key as string];
    else (slot.parent as Record<string | number, unknown>)[slot.key] = nasty;
    return copy;
  });
}

/** Bytes that are not the JSON they claim to be, or JSON the API must refuse (lone surrogate and NUL escapes, huge numbers...). */
function rawBodies(valid: Arbitrary<unknown>): Arbitrary<Body> {
  const kinds = [
    'truncated',
    'trailing-garbage',
    'bom',
    'invalid-utf8',
    'lone-surrogate-escape',
    'nul-escape',
    'huge-number',
    'long-number',
    'deep-nesting',
    'duplicate-key',
    'proto-key',
    'empty',
    'literal',
    'latin1',
  ] as const;
  return fc.tuple(valid, fc.nat(), fc.constantFrom(...kinds), fc.constantFrom('null', 'true', '"x"', '[]', '0', '{}')).map(([value, n, kind, literal]) => {
    const text = JSON.stringify(value) ?? 'null';
    const firstString = text.indexOf('":"') + 3;
    const inString = firstString > 2 ? firstString : -1;
    let bytes: Buffer;
    switch (kind) {
      case 'truncated':
        bytes = Buffer.from(text.slice(0, n % Math.max(text.length, 1)));
        break;
      case 'trailing-garbage':
        bytes = Buffer.from(`${text}}{,`);
        break;
      case 'bom':
        bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
        break;
      case 'invalid-utf8':
        bytes =
          inString === -1
            ? Buffer.concat([Buffer.from(text), Buffer.from([0xff])])
            : Buffer.concat([Buffer.from(text.slice(0, inString)), Buffer.from([0xc3, 0x28, 0xff, 0xed, 0xa0, 0x80]), Buffer.from(text.slice(inString))]);
        break;
      case 'lone-surrogate-escape':
        bytes = Buffer.from(inString === -1 ? '"\\ud800"' : `${text.slice(0, inString)}\\ud800${text.slice(inString)}`);
        break;
      case 'nul-escape':
        bytes = Buffer.from(inString === -1 ? '"\\u0000"' : `${text.slice(0, inString)}\\u0000${text.slice(inString)}`);
        break;
      case 'huge-number':
        bytes = Buffer.from(/:-?\d/.test(text) ? text.replace(/:(-?\d+(?:\.\d+)?)/, ':1e400') : `{"value":1e400}`);
        break;
      case 'long-number':
        bytes = Buffer.from(text.replace(/:(-?\d+(?:\.\d+)?)/, `:${'9'.repeat(1_000)}`));
        break;
      case 'deep-nesting':
        bytes = Buffer.from(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
        break;
      case 'duplicate-key':
        bytes = Buffer.from(text.startsWith('{"') ? text.replace(/^\{"([^"]*)":/, '{"$1":null,"$1":') : text);
        break;
      case 'proto-key':
        bytes = Buffer.from(
          text.startsWith('{') && text !== '{}'
            ? `{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}},${text.slice(1)}`
            : '{"__proto__":{"x":1}}',
        );
        break;
      case 'empty':
        bytes = Buffer.alloc(0);
        break;
      case 'literal':
        bytes = Buffer.from(literal);
        break;
      case 'latin1':
        bytes = Buffer.from(text.replace(/"$/, 'ñ"'), 'latin1');
        break;
    }
    return { kind: 'raw', bytes, label: kind };
  });
}

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/problem+json',
  'application/json, text/plain',
  ';;;',
];

function bodyFor(schema: JsonSchema | undefined, document: OpenApiDocument): Arbitrary<{ body: Body; contentType: string | undefined }> {
  const json = (value: unknown, label: string) => ({ body: { kind: 'json', value, label } as Body, contentType: 'application/json' as string | undefined });
  if (schema === undefined) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant({ body: { kind: 'none' }, contentType: undefined }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => json(value, 'json on a route without a body')) },
      { weight: 1, arbitrary: rawBodies(fc.jsonValue({ maxDepth: 2 })).map((body) => ({ body, contentType: 'application/json' })) },
    );
  }
  const valid = validValue(schema, document);
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((value) => json(value, 'valid')) },
    { weight: 5, arbitrary: mutated(valid).map((value) => json(value, 'mutated')) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => json(value, 'any json')) },
    { weight: 3, arbitrary: rawBodies(valid).map((body) => ({ body, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: valid.map((value) =>
        json(typeof value === 'object' && value !== null ? { ...value, name: 'x'.repeat(300_000) } : 'x'.repeat(300_000), 'oversize'),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...CONTENT_TYPES, undefined)).map(([value, contentType]) => ({
        body: { kind: 'raw', bytes: Buffer.from(JSON.stringify(value) ?? ''), label: `content-type ${contentType ?? 'absent'}` } satisfies Body,
        contentType,
      })),
    },
  );
}

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const { store, sql, url } = await freshDatabase(t);
  const adminToken = await bootstrapAdminToken(url, 'fuzz');
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' }, { repoRoot: findRepoRoot() });
  const app: App = await buildApp({ config, store, sql, readModels: sql });
  const projector = new AbortController();
  const projecting = runProjections({ store, sql, projections: allProjections, clock: () => new Date(), signal: projector.signal });
  t.teardown(async () => {
    projector.abort();
    await projecting;
    await app.close();
  });
  const admin = { authorization: `Bearer ${adminToken}` };

  // Given a plan with every kind of thing a path can name.
  const setUp = async (method: 'POST' | 'PUT', path: string, payload: object): Promise<Record<string, unknown>> => {
    const response = await app.inject({ method, url: path, headers: admin, payload });
    if (response.statusCode >= 300) throw new Error(`setting up ${path}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  await setUp('POST', '/v1/plans', {
    institutionId: 'fuzz',
    fiscalYear: 2021,
    name: 'Plan de pruebas',
    perspectives: [
      { code: 'usuarios', name: 'Persona Usuaria' },
      { code: 'financiera', name: 'Financiera' },
    ],
  });
  await setUp('POST', `/v1/plans/${PLAN_ID}/units`, { code: 'DIR', name: 'Dirección', areaClass: 'administrative' });
  await setUp('POST', `/v1/plans/${PLAN_ID}/units`, { code: 'DSP', name: 'Pensiones', parentCode: 'DIR', areaClass: 'administrative' });
  const indicators = { M1: 'monthly', M2: 'monthly', M3: 'monthly', M4: 'monthly', Q1: 'quarterly', Q2: 'quarterly', A1: 'annual' } as const;
  for (const [code, periodicity] of Object.entries(indicators)) {
    await setUp('POST', `/v1/plans/${PLAN_ID}/indicators`, {
      code,
      name: `Indicador ${code}`,
      kind: 'production',
      perspective: 'usuarios',
      unit: 'DSP',
      measure: 'count',
      periodicity,
      polarity: 'higher-is-better',
      accumulation: 'sum',
      formula: 'Casos',
    });
  }
  await setUp('PUT', `/v1/plans/${PLAN_ID}/indicators/M1/targets/2021-M01`, { value: '100' });
  await setUp('PUT', `/v1/plans/${PLAN_ID}/indicators/M1/results/2021-M01`, { value: '80' });
  await setUp('POST', `/v1/plans/${PLAN_ID}/indicators/M1/justifications/2021-M01`, { text: 'Falta de personal' });
  const victim = await setUp('POST', '/v1/access/tokens', { role: 'planner', label: 'a token the fuzzer may revoke' });

  const VALID_PARAMS: Record<string, readonly string[]> = {
    planId: [PLAN_ID],
    code: [...Object.keys(indicators), 'usuarios', 'financiera', 'DSP', 'DIR'],
    period: ['2021-M01', '2021-M02', '2021-M12', '2021-Q1', '2021-Q4', '2021', '2021-S1', '2021-T2', '2021-B3'],
    tokenId: [String(victim['tokenId'])],
    '*': ['index.html', 'swagger-ui.css', 'x'],
  };

  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<OpenApiDocument>();
  // The authorization plugin's catalog of every route the app registered (its decorator's type lives inside the API).
  const catalog = (app as App & { routeCatalog(): readonly { readonly method: string; readonly url: string }[] }).routeCatalog();
  // Strings the log already holds: a field equal to one of them may rightly not be stored again (an amendment stores what changed).
  const known = new Set<string>();
  for (const row of (await sql.query<{ data: unknown; metadata: unknown }>('SELECT data, metadata FROM events')).rows) {
    stringLeaves(row.data, known);
    stringLeaves(row.metadata, known);
  }

  const tally = new Map<string, number>();
  let requests = 0;
  let acceptedWrites = 0;
  let textsCheckedByteForByte = 0;

  t.test(`every registered route (${catalog.length}), fuzzed: 4xx problem+json or success, never 5xx, a refusal never touches the log`, async (t) => {
    t.ok(catalog.length > 40, `the app's own catalog lists ${catalog.length} routes`);
    for (const route of catalog) {
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[openApiPath]?.[route.method === 'HEAD' ? 'get' : route.method.toLowerCase()];
      const bodySchema = operation?.requestBody?.content?.['application/json']?.schema;
      const queryParameters = (operation?.parameters ?? []).filter((p) => p.in === 'query');
      const isWrite = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';

      const segments = route.url.split('/').map((segment) => {
        const name = segment.startsWith(':') ? segment.slice(1) : segment === '*' ? '*' : undefined;
        if (name === undefined) return fc.constant(segment);
        return fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...(VALID_PARAMS[name] ?? ['x'])) },
          { weight: 3, arbitrary: nastyString.map(percentEncode) },
          { weight: 1, arbitrary: rawPathSegment },
        );
      });
      const path = fc.tuple(...segments).map((parts) => parts.join('/'));
      const query = fc
        .tuple(
          ...queryParameters.map((parameter) =>
            fc.option(fc.oneof(parameter.schema === undefined ? nastyString : validValue(parameter.schema, document).map(String), nastyString), { freq: 2 }),
          ),
          fc.option(fc.tuple(nastyString, nastyString), { freq: 4 }),
        )
        .map((values) => {
          const pairs: string[] = [];
          queryParameters.forEach((parameter, index) => {
            const value = values[index] as string | null;
            if (value !== null) pairs.push(`${parameter.name}=${percentEncode(value)}`);
          });
          const extra = values[queryParameters.length] as [string, string] | null;
          if (extra !== null) pairs.push(`${percentEncode(extra[0])}=${percentEncode(extra[1])}`);
          return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
        });
      const headers = fc
        .record(
          {
            authorization: fc.oneof(
              { weight: 12, arbitrary: fc.constant(admin.authorization) },
              {
                weight: 1,
                arbitrary: fc.constantFrom(
                  '',
                  'Bearer',
                  'Bearer smf_x.y.z',
                  `${admin.authorization}x`,
                  'Basic YWRtaW46YWRtaW4=',
                  `Bearer smf_otra.0123456789abcdef.${'A'.repeat(43)}`,
                  `bearer   ${adminToken}`,
                ),
              },
              { weight: 1, arbitrary: nastyHeaderValue },
            ),
            'if-match': fc.oneof(fc.constantFrom('"1"', '"2"', '"9"', '*', 'W/"1"', '1', '"abc"', '"1", "2"', '"-1"', `"${'9'.repeat(30)}"`), nastyHeaderValue),
            'if-none-match': fc.oneof(fc.constantFrom('"1"', '*', 'W/"1"', '"1", "2"'), nastyHeaderValue),
            'idempotency-key': fc.oneof(fc.uuid(), nastyHeaderValue),
            'x-request-id': nastyHeaderValue,
            'x-correlation-id': nastyHeaderValue,
            accept: fc.oneof(fc.constantFrom('text/csv', 'application/xml', '*/*', 'application/json;q=0', 'text/html'), nastyHeaderValue),
            'accept-language': fc.oneof(fc.constantFrom('es', 'en', 'zz', '*', 'es;q=abc', 'en-US,en;q=0.9'), nastyHeaderValue),
          },
          { requiredKeys: ['authorization'] },
        )
        .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<string, string>);
      const fuzzed: Arbitrary<FuzzRequest> = fc
        .tuple(path, query, headers, bodyFor(bodySchema, document))
        .map(([p, q, h, { body, contentType }]) => ({ path: p, query: q, headers: h, body, contentType }));
      // A third of the requests are well formed (valid path, clean headers, a body the schema accepts, full of
      // unicode text): most are accepted, and each accepted one proves its text is kept byte for byte.
      const validPath = fc
        .tuple(
          ...route.url.split('/').map((segment) => {
            const name = segment.startsWith(':') ? segment.slice(1) : segment === '*' ? '*' : undefined;
            return name === undefined ? fc.constant(segment) : fc.constantFrom(...(VALID_PARAMS[name] ?? ['x']));
          }),
        )
        .map((parts) => parts.join('/'));
      const wellFormed: Arbitrary<FuzzRequest> = fc
        .tuple(validPath, bodySchema === undefined ? fc.constant(undefined) : validValue(bodySchema, document))
        .map(([p, value]) => ({
          path: p,
          query: '',
          headers: { ...admin },
          body: value === undefined ? { kind: 'none' } : { kind: 'json', value, label: 'well formed' },
          contentType: value === undefined ? undefined : 'application/json',
        }));
      const request = fc.oneof({ weight: 1, arbitrary: wellFormed }, { weight: 2, arbitrary: fuzzed });

      const statuses = new Map<number, number>();
      const run = fc.assert(
        fc.asyncProperty(request, async (r) => {
          const before = await logState(sql);
          const headersSent: Record<string, string> = { ...r.headers };
          if (r.contentType !== undefined && r.body.kind !== 'none') headersSent['content-type'] = r.contentType;
          const options = {
            method: route.method as 'GET',
            url: `${r.path}${r.query}`,
            headers: headersSent,
            ...(r.body.kind === 'json' ? { payload: JSON.stringify(r.body.value) ?? '' } : r.body.kind === 'raw' ? { payload: r.body.bytes } : {}),
          };
          const response = await app.inject(options);
          const after = await logState(sql);
          requests += 1;
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const what = `${route.method} ${options.url} (${r.body.kind === 'none' ? 'no body' : r.body.label}) → ${response.statusCode}`;

          if (response.statusCode >= 500) throw new Error(`${what}: a server error: ${response.body.slice(0, 500)}`);
          if (response.statusCode >= 400) {
            // The web app's pages answer a browser (Accept: text/html) with an HTML page of the same status.
            const page = route.url.startsWith('/app') && /text\/html/i.test(headersSent['accept'] ?? '');
            // (A URL the router refuses before any route, a 414, answers problem+json whatever the Accept.)
            if (route.method !== 'HEAD' && page && String(response.headers['content-type']).startsWith('text/html')) {
              if (!/<html lang=/.test(response.body)) throw new Error(`${what}: a page refused, but the answer is no page`);
            } else if (route.method !== 'HEAD') {
              if (!String(response.headers['content-type']).startsWith('application/problem+json'))
                throw new Error(`${what}: not problem+json (${String(response.headers['content-type'])})`);
              const problem = response.json<{ status?: unknown; code?: unknown }>();
              if (problem.status !== response.statusCode || typeof problem.code !== 'string')
                throw new Error(`${what}: a malformed problem ${response.body.slice(0, 300)}`);
            }
            if (!sameLog(before, after)) throw new Error(`${what}: refused, yet the log changed (${describeLog(before)} → ${describeLog(after)})`);
            return;
          }
          // Bytes that are not UTF-8 cannot be stored as sent: accepting them would store something else (U+FFFD).
          if (isWrite && r.body.kind === 'raw' && !isUtf8(r.body.bytes) && !sameLog(before, after)) {
            throw new Error(`${what}: accepted a body that is not UTF-8, so what it stored is not what was sent`);
          }
          if (!isWrite || sameLog(before, after) || r.body.kind !== 'json') return;

          // Accepted: every free-text field sent is in the new events and comes back from the API, byte for byte.
          acceptedWrites += 1;
          const { rows } = await sql.query<{ stream_name: string; data: unknown; metadata: unknown }>(
            'SELECT stream_name, data, metadata FROM events WHERE global_position > $1::bigint ORDER BY global_position',
            [before.last],
          );
          const stored = new Set<string>();
          for (const row of rows) stringLeaves([row.data, row.metadata], stored);
          const texts = textFields(r.body.value, bodySchema, document).filter((text) => !known.has(text) && isStorableText(text));
          for (const text of texts) {
            if (!stored.has(text)) throw new Error(`${what}: accepted ${JSON.stringify(text)} but did not store it as sent`);
          }
          // Returned: the stream's events as the API serves them (plans and indicators; tokens show no free text but their label).
          for (const streamName of new Set(rows.map((row) => row.stream_name))) {
            const readBack = streamName.startsWith('plan-')
              ? `/v1/plans/${streamName.slice('plan-'.length)}/events`
              : streamName.startsWith('indicator-')
                ? `/v1/plans/${streamName.slice('indicator-'.length).replace('/', '/indicators/')}/events`
                : undefined;
            if (readBack === undefined) continue;
            const inStream = stringLeaves(rows.filter((row) => row.stream_name === streamName).map((row) => [row.data, row.metadata]));
            const returned = stringLeaves((await app.inject({ method: 'GET', url: readBack, headers: admin })).json());
            for (const text of texts) {
              if (inStream.has(text) && !returned.has(text))
                throw new Error(`${what}: stored ${JSON.stringify(text)} but ${readBack} does not return it as sent`);
            }
          }
          textsCheckedByteForByte += texts.length;
          for (const text of stored) known.add(text);
        }),
        { numRuns: RUNS_PER_ROUTE, seed, endOnFailure: true },
      );
      // One route's failure (fast-check's shrunk counterexample) does not hide the next route's.
      const failure = await run.then(
        () => undefined,
        (error: unknown) => error,
      );
      if (failure !== undefined) {
        const cause = failure instanceof Error ? (failure.cause instanceof Error ? failure.cause.message : String(failure)) : inspect(failure);
        t.fail(`${route.method} ${route.url}: ${cause}`);
        continue;
      }
      for (const [status, n] of statuses) tally.set(`${status}`, (tally.get(`${status}`) ?? 0) + n);
      t.pass(
        `${route.method} ${route.url}: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${n}×${status}`)
          .join(' ')}`,
      );
    }
    t.comment(
      `[${PROFILE}] seed ${seed}: ${requests} fuzzed requests over ${catalog.length} routes (${RUNS_PER_ROUTE} each); statuses ` +
        `${[...tally]
          .sort()
          .map(([status, n]) => `${status}: ${n}`)
          .join(', ')}; ${acceptedWrites} accepted writes, ` +
        `${textsCheckedByteForByte} free-text fields stored and returned byte for byte; no 5xx, no refused request changed the log`,
    );
  });
}
