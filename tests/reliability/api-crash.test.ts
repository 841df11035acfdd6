import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { formatLogPosition, parseLogPosition, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import { verifyLog } from '@semaforo/reporter';
import { postgresRequired } from '@semaforo/sql/testing';
import { bootstrapAdminToken, startApi, type ApiServer } from './support/api-server.js';
import { freshDatabase } from './support/database.js';
import { NoAnswer, type HttpAnswer, type HttpRequest } from './support/http.js';
import { later, readWholeLog } from './support/log.js';
import { apiClient, setUpPlan, writeOutcomeOf, type ApiClient, type PlanSetup } from './support/plan-setup.js';
import { PROFILE, sized } from './support/profile.js';
import { compareWithRebuild, describeDigests, waitForProjections } from './support/read-models.js';

/*
 * Crashes of the API. The service (with its in-process projector) runs as
 * a child process on PostgreSQL; clients write without pause (targets and
 * results, some with an Idempotency-Key; justifications; new indicators),
 * and the process is SIGKILLed at a random moment, again and again, and
 * started again each time.
 *
 * Then, on the last process:
 * - every write acknowledged before any kill is in the log, once, as
 *   answered; every keyed one, sent again, is replayed and appends nothing
 *   (the keys survived the crashes);
 * - a write whose answer the kill swallowed is in the log once or not at
 *   all, never in part: each request's events are one transaction; a PUT
 *   retried by its client after the restart ends up applied exactly once;
 * - verify-log finds every stream intact, and the read models (whose
 *   projector was killed with the service every time) equal a rebuild.
 */

const CLIENTS = sized({ short: 8, long: 16 });
const KILLS = sized({ short: 4, long: 20 });

type Kind = 'put' | 'keyed-put' | 'justification' | 'register';

interface Sent {
  readonly kind: Kind;
  readonly requestId: string;
  readonly request: HttpRequest;
  /** What identifies its event: the value, text or code it wrote (unique). */
  readonly mark: string;
  readonly run: number;
  readonly answer?: HttpAnswer;
  readonly failure?: NoAnswer;
}

function requestFor(kind: Kind, plan: PlanSetup, id: number, n: number): { request: Omit<HttpRequest, 'headers'>; mark: string } {
  const code = plan.indicators[Math.floor(Math.random() * plan.indicators.length)]!;
  const period = plan.periods[Math.floor(Math.random() * plan.periods.length)]!;
  const mark = `${id + 1}${String(n).padStart(7, '0')}`;
  switch (kind) {
    case 'put':
    case 'keyed-put': {
      const register = Math.random() < 0.5 ? 'targets' : 'results';
      return {
        request: { method: 'PUT', path: `/v1/plans/${plan.planId}/indicators/${code}/${register}/${period}`, body: { value: mark, reason: 'carga' } },
        mark,
      };
    }
    case 'justification':
      return {
        request: { method: 'POST', path: `/v1/plans/${plan.planId}/indicators/${code}/justifications/${period}`, body: { text: `Justificación ${mark}` } },
        mark: `Justificación ${mark}`,
      };
    case 'register':
      return {
        request: {
          method: 'POST',
          path: `/v1/plans/${plan.planId}/indicators`,
          body: {
            code: `NEW-${mark}`,
            name: `Indicador ${mark}`,
            kind: 'production',
            perspective: 'usuarios',
            unit: 'DSP',
            measure: 'count',
            periodicity: 'quarterly',
            polarity: 'higher-is-better',
            accumulation: 'sum',
            formula: 'Casos',
          },
        },
        mark: `NEW-${mark}`,
      };
  }
}

/** What an event says that its request wrote. */
function markOf(event: RecordedEvent): string | undefined {
  const data = event.data as Record<string, unknown>;
  if (event.type === 'JustificationAdded') return String(data['text']);
  if (event.type === 'IndicatorRegistered') return String(data['code']);
  if (typeof data['value'] === 'string') return data['value'];
  return undefined;
}

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  t.test('the API SIGKILLed during a stream of writes, again and again: nothing acknowledged lost, nothing half-applied', async (t) => {
    const { store, sql, db, url } = await freshDatabase(t);
    const token = await bootstrapAdminToken(url, 'caidas');
    let api: ApiServer = await startApi(url);
    t.teardown(() => api.process.stop());
    const plan = await setUpPlan(apiClient(api.url, token), 'caidas', 4);

    const sent: Sent[] = [];
    let n = 0;
    const kills: string[] = [];
    for (let run = 1; run <= KILLS; run += 1) {
      const client: ApiClient = apiClient(api.url, token);
      let running = true;
      const loops = Array.from({ length: CLIENTS }, async (_, id) => {
        while (running) {
          const roll = Math.random();
          const kind: Kind = roll < 0.45 ? 'put' : roll < 0.75 ? 'keyed-put' : roll < 0.92 ? 'justification' : 'register';
          const { request, mark } = requestFor(kind, plan, id, n++);
          const requestId = `k${run}-${id}-${n}-${randomUUID().slice(0, 8)}`;
          const full: HttpRequest = {
            ...request,
            headers: { 'x-request-id': requestId, ...(kind === 'keyed-put' ? { 'idempotency-key': randomUUID() } : {}) },
          };
          try {
            sent.push({ kind, requestId, request: full, mark, run, answer: await client.send(full) });
          } catch (error) {
            if (!(error instanceof NoAnswer)) throw error;
            // The kill: no answer. The outcome is unknown to the client.
            sent.push({ kind, requestId, request: full, mark, run, failure: error });
            return;
          }
        }
      });
      // A random moment into the load, then the crash.
      await sleep(300 + Math.random() * 1_500);
      const before = sent.length;
      await api.process.kill();
      running = false;
      await Promise.all(loops);
      kills.push(`run ${run}: killed after ${before} requests in total`);
      api = await startApi(url);
    }

    // Everything the clients heard.
    const answered = sent.filter((s): s is Sent & { answer: HttpAnswer } => s.answer !== undefined);
    const acknowledged = answered.filter((s) => s.answer.status === 200 || s.answer.status === 201);
    const unknown = sent.filter((s) => s.failure !== undefined);
    // 412: a write without If-Match still meets one when the server's own retries lose to other writers; the client moves on.
    const refused = answered.filter((s) => s.answer.status === 412);
    t.same(
      answered
        .filter((s) => !(s.answer.status === 200 || s.answer.status === 201 || s.answer.status === 412))
        .map((s) => `${s.requestId} → ${s.answer.status} ${s.answer.text.slice(0, 200)}`),
      [],
      'every answered write succeeded or met a conflict (the crashes cost answers, not errors)',
    );

    // After the last restart, clients do what clients do: a keyed write is sent again with its key
    // (it must be replayed: the key survived), and a PUT whose answer was lost is sent again (PUTs are idempotent).
    const client = apiClient(api.url, token);
    const replays: string[] = [];
    for (const s of acknowledged.filter((s) => s.kind === 'keyed-put')) {
      const again = await client.send({ ...s.request, headers: { ...s.request.headers, 'x-request-id': `${s.requestId}-again` } });
      if (again.status !== s.answer.status || again.text !== s.answer.text || again.headers.get('idempotent-replayed') !== 'true') {
        replays.push(`${s.requestId}: ${again.status} replayed=${again.headers.get('idempotent-replayed')} ${again.text.slice(0, 200)}`);
      }
    }
    t.same(
      replays,
      [],
      `each of the ${acknowledged.filter((s) => s.kind === 'keyed-put').length} keyed writes acknowledged before a kill is replayed after it`,
    );
    const retried: (Sent & { retry: HttpAnswer })[] = [];
    for (const s of unknown.filter((s) => s.kind === 'put')) {
      const retry = await client.send({ ...s.request, headers: { 'x-request-id': `${s.requestId}-retry` } });
      retried.push({ ...s, retry });
    }
    t.same(
      retried.filter((s) => s.retry.status !== 200).map((s) => `${s.requestId} → ${s.retry.status} ${s.retry.text.slice(0, 200)}`),
      [],
      `each of the ${retried.length} PUTs whose answer a kill swallowed succeeds when retried`,
    );

    // The log, once everything answered is readable.
    let last: LogPosition | undefined;
    for (const answer of [...acknowledged.map((s) => s.answer), ...retried.map((s) => s.retry)]) {
      const position = parseLogPosition(writeOutcomeOf(answer).position ?? '');
      if (position !== null) last = last === undefined ? position : later(position, last);
    }
    const log = await readWholeLog(store);
    const byRequest = new Map<string, RecordedEvent[]>();
    const byMark = new Map<string, RecordedEvent[]>();
    for (const event of log) {
      byRequest.set(event.metadata.requestId, [...(byRequest.get(event.metadata.requestId) ?? []), event]);
      const mark = markOf(event);
      if (mark !== undefined) byMark.set(mark, [...(byMark.get(mark) ?? []), event]);
    }

    const lost = acknowledged
      .filter(
        (s) => (byRequest.get(s.requestId) ?? []).length !== 1 || markOf(byRequest.get(s.requestId)![0]!) !== s.mark || (byMark.get(s.mark) ?? []).length !== 1,
      )
      .map(
        (s) => `${s.kind} ${s.requestId} (${s.mark}): ${(byRequest.get(s.requestId) ?? []).length} events, ${(byMark.get(s.mark) ?? []).length} with its mark`,
      );
    t.same(lost, [], `each of the ${acknowledged.length} writes acknowledged before a kill is in the log exactly once`);

    t.same(
      refused.filter((s) => byRequest.has(s.requestId)).map((s) => s.requestId),
      [],
      `none of the ${refused.length} writes refused with 412 left an event`,
    );
    const partial = [...byRequest]
      .filter(([, events]) => new Set(events.map((e) => e.position.commit)).size !== 1)
      .map(([requestId, events]) => `${requestId}: ${events.length} events over ${new Set(events.map((e) => e.position.commit)).size} transactions`);
    t.same(partial, [], "each request's events were appended in one transaction: all or nothing");
    const doubled = unknown
      .filter((s) => (byRequest.get(s.requestId) ?? []).length > 1 || (s.kind !== 'put' && (byMark.get(s.mark) ?? []).length > 1))
      .map((s) => `${s.kind} ${s.requestId}: ${(byMark.get(s.mark) ?? []).length} events`);
    t.same(doubled, [], `each of the ${unknown.length} writes whose answer was lost is in the log at most once`);
    // A retried PUT applies its value once if the lost attempt had not landed; if it had, the retry changes
    // nothing, unless another write replaced the value in between (then the retry rightly sets it again).
    const registerOf = (e: RecordedEvent) => `${e.streamName} ${e.type.startsWith('Target') ? 'targets' : 'results'} ${e.data['period'] as string}`;
    const retryProblems: string[] = [];
    for (const s of retried) {
      const original = byRequest.get(s.requestId) ?? [];
      const again = byRequest.get(`${s.requestId}-retry`) ?? [];
      const appended = writeOutcomeOf(s.retry).appended;
      if (original.length > 1 || again.length !== appended)
        retryProblems.push(`${s.requestId}: ${original.length} + ${again.length} events, retry appended ${appended}`);
      else if (original.length === 0 && appended !== 1) retryProblems.push(`${s.requestId}: the lost attempt never landed, yet the retry appended ${appended}`);
      else if (original.length === 1 && appended === 1) {
        const register = registerOf(original[0]!);
        const between = log.filter(
          (e) => registerOf(e) === register && e.streamVersion > original[0]!.streamVersion && e.streamVersion < again[0]!.streamVersion,
        );
        if (!between.some((e) => markOf(e) !== s.mark)) retryProblems.push(`${s.requestId}: applied twice with nothing in between`);
      }
    }
    t.same(retryProblems, [], 'each retried PUT landed exactly once unless its value had been replaced in between');
    const appliedBeforeKill = unknown.filter((s) => byRequest.has(s.requestId)).length;

    const verification = await verifyLog(store);
    t.same(verification.problems, [], `verify-log: ${verification.events} events in ${verification.streams} streams, intact`);

    // The projector died with the API every time; the last one catches up, and its tables equal a rebuild.
    await waitForProjections(db, last!);
    await api.process.stop();
    const comparisons = await compareWithRebuild({ store, sql, db });
    for (const comparison of comparisons) {
      t.same(comparison.live, comparison.rebuilt, `${comparison.projection}: equals a rebuild from zero (${describeDigests(comparison)})`);
    }

    t.comment(
      `[${PROFILE}] ${CLIENTS} clients, ${KILLS} SIGKILLs (${kills.join('; ')}); ${sent.length} requests: ${acknowledged.length} acknowledged, ` +
        `${unknown.length} lost their answer to a kill (${appliedBeforeKill} of them had been applied), ${retried.length} PUTs retried; ` +
        `${log.length} events, last at ${formatLogPosition(last!)}`,
    );
  });
}
