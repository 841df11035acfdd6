import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { formatPeriod, periodsOf, planIdFor } from '@semaforo/domain';
import { createSqlEventStore } from '@semaforo/event-store';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { formatValue, setupCommands, shapeInstitutions } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { Random } from '../dataset/random.js';
import { openBenchDatabase } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';

export interface HttpOptions {
  readonly seed: number;
  readonly connections: number;
  readonly seconds: number;
  readonly institutions: number;
}

const YEAR = 2024;
const ROUNDS = 2;
const SERVER = fileURLToPath(new URL('./http-server.ts', import.meta.url));

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly tokens: Readonly<Record<string, string>>;
}

/** The server in its own process, with the same Node.js flags as this one. */
async function startServer(args: readonly string[]): Promise<Server> {
  const child = spawn(process.execPath, [...process.execArgv, SERVER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`http server exited with ${String(code)} before listening`);
  });
  const first = (async () => {
    for await (const line of lines) return JSON.parse(line) as { port: number; tokens: Record<string, string> };
    throw new Error('http server closed its output before listening');
  })();
  const { port, tokens } = await Promise.race([first, exited]);
  return { child, port, tokens };
}

async function stopServer(server: Server): Promise<void> {
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  await exited;
}

/**
 * `http`: `PUT /v1/plans/:planId/indicators/:code/results/:period` of the
 * real API (authentication, validation, the write side, PostgreSQL) under
 * autocannon with 64 connections, each request reporting or correcting a
 * result of another indicator (one event appended per request), against a
 * bare fastify route doing the same one durable single-row INSERT into a
 * twin of the log (`http.bare-insert`, the ceiling), which is itself set
 * against a bare route answering a constant (`http.bare`). Same requests,
 * same process settings; the three servers run as child processes, warmed
 * up first (one request per indicator), and the loads alternate in rounds.
 */
export async function httpFigures(report: Report, options: HttpOptions): Promise<void> {
  const db = await openBenchDatabase('postgres', { poolSize: 2 });
  const servers: Server[] = [];
  try {
    const random = new Random(options.seed);
    const catalog = loadCatalog();
    const institutions = shapeInstitutions(
      random,
      { seed: options.seed, institutions: options.institutions, indicatorsPerInstitution: catalog.entries.length },
      catalog,
    );
    await importEvents(createSqlEventStore(db.sql), decideDataset(setupCommands(random, institutions, YEAR)), { batchSize: 2_000 });

    const slots = institutions.flatMap((institution) =>
      institution.indicators.map((indicator) => ({
        institution: institution.id,
        path: `/v1/plans/${planIdFor(institution.id, YEAR)}/indicators/${indicator.code}/results/`,
        periods: periodsOf(YEAR, indicator.definition.periodicity).map(formatPeriod),
        base: Math.max(Number(indicator.entry.target), 1),
        measure: indicator.entry.measure,
      })),
    );
    let tokens: Readonly<Record<string, string>> = {};
    let sent = 0;
    // Every request a new value for the next indicator in turn: a report, then corrections (with their reason).
    const setupRequest = (request: { headers?: Record<string, string> }) => {
      const slot = slots[sent % slots.length]!;
      const cycle = Math.floor(sent / slots.length);
      const period = slot.periods[cycle % slot.periods.length]!;
      sent += 1;
      return {
        ...request,
        method: 'PUT',
        path: `${slot.path}${period}`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[slot.institution] ?? 'none'}` },
        body: JSON.stringify({ value: formatValue(slot.base * (0.8 + (cycle % 7) * 0.05), slot.measure), reason: 'Carga de resultados del período' }),
      };
    };
    const load = async (port: number): Promise<Result> =>
      autocannon({ url: `http://127.0.0.1:${port}`, connections: options.connections, duration: options.seconds / ROUNDS, requests: [{ setupRequest }] });

    // The servers stay up for the whole figure, so the API's aggregate cache stays warm, and the loads alternate.
    const apiServer = await startServer(['api', db.location, ...institutions.map((i) => i.id)]);
    servers.push(apiServer);
    tokens = apiServer.tokens;
    const insertServer = await startServer(['bare-insert', db.location]);
    servers.push(insertServer);
    const bareServer = await startServer(['bare']);
    servers.push(bareServer);
    // Warm-up: one request per indicator on each (the API loads each aggregate once; the insert route's
    // statement gets prepared on its connections), and a second of the constant route.
    await autocannon({ url: `http://127.0.0.1:${apiServer.port}`, connections: options.connections, amount: slots.length, requests: [{ setupRequest }] });
    await autocannon({ url: `http://127.0.0.1:${insertServer.port}`, connections: options.connections, amount: slots.length, requests: [{ setupRequest }] });
    await autocannon({ url: `http://127.0.0.1:${bareServer.port}`, connections: options.connections, duration: 1, requests: [{ setupRequest }] });
    const api: Result[] = [];
    const insert: Result[] = [];
    const bare: Result[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      api.push(await load(apiServer.port));
      insert.push(await load(insertServer.port));
      bare.push(await load(bareServer.port));
    }

    const rate = (results: readonly Result[]) => results.reduce((n, r) => n + r.requests.total, 0) / results.reduce((s, r) => s + r.duration, 0);
    const p99 = (results: readonly Result[]) => Math.max(...results.map((r) => r.latency.p99));
    report.emit(figure('http.postgres', rate(api), 'requests/s', { name: 'http.bare-insert', value: rate(insert) }));
    report.emit(figure('http.postgres.p99', p99(api), 'ms', { name: 'http.bare-insert.p99', value: p99(insert) }));
    report.emit(figure('http.bare-insert', rate(insert), 'requests/s', { name: 'http.bare', value: rate(bare) }));
    report.emit(figure('http.bare-insert.p99', p99(insert), 'ms', { name: 'http.bare.p99', value: p99(bare) }));
    const failed = (results: readonly Result[]) => results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    for (const [server, results] of [
      ['API', api],
      ['bare-insert', insert],
      ['bare', bare],
    ] as const) {
      const failures = failed(results);
      if (failures > 0) report.note(`http: ${failures} ${server} requests did not answer 2xx (non-2xx, errors or timeouts)`);
    }
    const answered = (results: readonly Result[]) => results.reduce((n, r) => n + r['2xx'], 0);
    report.log(
      `http: ${answered(api)} results reported through the API, ${answered(insert)} rows inserted by the bare-insert route, ${options.connections} connections`,
    );
  } finally {
    for (const server of servers) await stopServer(server);
    await db.close();
  }
}
