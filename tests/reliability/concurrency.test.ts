import { randomUUID } from 'node:crypto';
import t from 'tap';
import { formatLogPosition, parseLogPosition, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import { verifyLog } from '@semaforo/reporter';
import { postgresRequired } from '@semaforo/sql/testing';
import { bootstrapAdminToken, startApi, type ApiServer } from './support/api-server.js';
import { freshDatabase } from './support/database.js';
import { jsonOf, NoAnswer, type HttpAnswer } from './support/http.js';
import { later, readWholeLog } from './support/log.js';
import { apiClient, setUpPlan, writeOutcomeOf, type ApiClient, type PlanSetup, type WriteOutcome } from './support/plan-setup.js';
import { PROFILE, sized } from './support/profile.js';
import { compareWithRebuild, describeDigests, waitForProjections } from './support/read-models.js';

/*
 * Concurrency. 32 clients over real HTTP, against two API processes on one
 * PostgreSQL database, all writing targets and results of the SAME few
 * indicators and periods. Half of them send If-Match with the ETag they
 * read (and on 412 read again and retry); the others send no precondition
 * (the server decides again on the newer state; a 412 after its own
 * retries is retried by the client). One write in three carries an
 * Idempotency-Key and is sent twice.
 *
 * Every value written is unique, so every event can be traced to the one
 * attempt that sent it. Then:
 * - every 2xx has exactly one event, with its request id, value, version
 *   and position; every 412 has none; every replay has none and repeats
 *   the first answer;
 * - a write with If-Match landed on exactly the version its client read:
 *   nothing was overwritten unseen;
 * - each register's final value is the last acknowledged write in log
 *   order, and every event of the load is an acknowledged write;
 * - verify-log finds every stream intact;
 * - the read models, built incrementally by two competing projectors
 *   while all this went on, equal a rebuild from zero, table by table.
 */

const CLIENTS = 32;
const WRITES_PER_CLIENT = sized({ short: 12, long: 150 });
const MAX_ATTEMPTS = 25;

type Register = 'targets' | 'results';

interface Attempt {
  readonly client: number;
  readonly requestId: string;
  readonly register: Register;
  readonly code: string;
  readonly period: string;
  readonly value: string;
  /** The version the client read and pinned with If-Match. */
  readonly ifMatch?: number;
  readonly idempotencyKey?: string;
  readonly answer: HttpAnswer;
}

interface Replay {
  readonly original: Attempt;
  readonly requestId: string;
  readonly answer: HttpAnswer;
}

function etagVersion(answer: HttpAnswer): number {
  const etag = answer.headers.get('etag') ?? '';
  const match = /^"(\d+)"$/.exec(etag);
  if (match === null) throw new Error(`no ETag in ${answer.status} ${answer.text.slice(0, 200)}`);
  return Number(match[1]);
}

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  t.test(`${CLIENTS} concurrent clients on the same registers: no lost, duplicated or unseen overwrite, and the read models equal a rebuild`, async (t) => {
    const { store, sql, db, url } = await freshDatabase(t);
    const token = await bootstrapAdminToken(url, 'concurrencia');
    const apis: ApiServer[] = [await startApi(url), await startApi(url)];
    t.teardown(async () => {
      for (const api of apis) await api.process.stop();
    });
    const clients = apis.map((api) => apiClient(api.url, token));
    const plan: PlanSetup = await setUpPlan(clients[0]!, 'concurrencia', 3);
    const periods = plan.periods.slice(0, 2);

    const attempts: Attempt[] = [];
    const replays: Replay[] = [];
    const unanswered: string[] = [];
    let sequence = 0;
    let gaveUp = 0;

    const writeOnce = async (id: number, client: ApiClient): Promise<void> => {
      const register: Register = Math.random() < 0.5 ? 'targets' : 'results';
      const code = plan.indicators[Math.floor(Math.random() * plan.indicators.length)]!;
      const period = periods[Math.floor(Math.random() * periods.length)]!;
      const pinned = id % 2 === 0;
      const keyed = Math.random() < 1 / 3;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const requestId = `c${id}-${sequence++}-${randomUUID().slice(0, 8)}`;
        const value = `${id + 1}${String(sequence).padStart(7, '0')}`;
        let ifMatch: number | undefined;
        if (pinned) ifMatch = etagVersion(await client.send({ path: `/v1/plans/${plan.planId}/indicators/${code}` }));
        const idempotencyKey = keyed ? randomUUID() : undefined;
        const request = {
          method: 'PUT',
          path: `/v1/plans/${plan.planId}/indicators/${code}/${register}/${period}`,
          headers: {
            'x-request-id': requestId,
            ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
            ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
          },
          body: { value, reason: `cliente ${id}` },
        };
        let answer: HttpAnswer;
        try {
          answer = await client.send(request);
        } catch (error) {
          if (!(error instanceof NoAnswer)) throw error;
          unanswered.push(`${requestId}: ${error.message}`);
          return;
        }
        const sent: Attempt = {
          client: id,
          requestId,
          register,
          code,
          period,
          value,
          ...(ifMatch === undefined ? {} : { ifMatch }),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
          answer,
        };
        attempts.push(sent);
        if (answer.status === 412) continue;
        if (answer.status === 200 && idempotencyKey !== undefined) {
          // The client did not hear the answer (say) and sends the very same request again.
          const replayId = `${requestId}-again`;
          const again = await client.send({ ...request, headers: { ...request.headers, 'x-request-id': replayId } });
          replays.push({ original: sent, requestId: replayId, answer: again });
        }
        return;
      }
      gaveUp += 1;
    };

    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, id) => {
        const client = clients[id % clients.length]!;
        for (let n = 0; n < WRITES_PER_CLIENT; n += 1) await writeOnce(id, client);
      }),
    );
    const seconds = (performance.now() - started) / 1_000;

    t.same(unanswered, [], 'every request was answered');
    const statuses = new Map<number, number>();
    for (const a of attempts) statuses.set(a.answer.status, (statuses.get(a.answer.status) ?? 0) + 1);
    t.same(
      attempts
        .filter((a) => a.answer.status !== 200 && a.answer.status !== 412)
        .map((a) => `${a.requestId} → ${a.answer.status} ${a.answer.text.slice(0, 300)}`),
      [],
      'every write answered 200 or 412',
    );

    // The log, as it ended (once our last commits are readable).
    const acknowledged = attempts.filter((a) => a.answer.status === 200);
    const refused = attempts.filter((a) => a.answer.status === 412);
    let lastAcknowledged: LogPosition | undefined;
    for (const a of acknowledged) {
      const position = parseLogPosition(writeOutcomeOf(a.answer).position ?? '');
      if (position !== null) lastAcknowledged = lastAcknowledged === undefined ? position : later(position, lastAcknowledged);
    }
    const log = await readWholeLog(store);
    const byRequest = new Map<string, RecordedEvent[]>();
    for (const event of log) byRequest.set(event.metadata.requestId, [...(byRequest.get(event.metadata.requestId) ?? []), event]);

    const wrong: string[] = [];
    let answeredLater = 0;
    for (const a of acknowledged) {
      const outcome: WriteOutcome = writeOutcomeOf(a.answer);
      const events = byRequest.get(a.requestId) ?? [];
      const event = events[0];
      if (events.length !== 1 || event === undefined) {
        wrong.push(`${a.requestId}: 200 with ${events.length} events`);
        continue;
      }
      const position = formatLogPosition(event.position);
      if (event.data['value'] !== a.value || event.data['period'] !== a.period || outcome.appended !== 1)
        wrong.push(`${a.requestId}: the event says ${JSON.stringify(event.data)}, the answer ${JSON.stringify(outcome)}`);
      if (outcome.position !== position || outcome.version !== event.streamVersion) {
        wrong.push(`${a.requestId}: answered version ${outcome.version} at ${outcome.position}, the event is version ${event.streamVersion} at ${position}`);
      }
      // The resource in a write answer is read after the write: under concurrency it may already hold later
      // writes (its ETag says which version it shows), never an earlier state.
      const shown = etagVersion(a.answer);
      if (shown < event.streamVersion || jsonOf<{ version: number }>(a.answer).version !== shown) {
        wrong.push(
          `${a.requestId}: the answer shows version ${jsonOf<{ version: number }>(a.answer).version} under ETag ${shown}, its own write is ${event.streamVersion}`,
        );
      }
      if (shown > event.streamVersion) answeredLater += 1;
      if (a.ifMatch !== undefined && event.streamVersion !== a.ifMatch + 1) {
        wrong.push(`${a.requestId}: If-Match "${a.ifMatch}" but landed as version ${event.streamVersion}: it overwrote what its client never saw`);
      }
    }
    t.same(wrong, [], `each of the ${acknowledged.length} acknowledged writes is exactly one event, as answered (If-Match ones on the version read)`);
    t.same(
      refused.filter((a) => byRequest.has(a.requestId)).map((a) => a.requestId),
      [],
      `none of the ${refused.length} writes refused with 412 left an event`,
    );
    t.same(
      replays
        .filter(
          (r) =>
            r.answer.status !== r.original.answer.status ||
            r.answer.text !== r.original.answer.text ||
            r.answer.headers.get('idempotent-replayed') !== 'true' ||
            byRequest.has(r.requestId),
        )
        .map((r) => `${r.requestId}: ${r.answer.status} replayed=${r.answer.headers.get('idempotent-replayed')}`),
      [],
      `each of the ${replays.length} repeated keyed writes got the first answer back and appended nothing`,
    );

    // Each register ends with the last acknowledged write in log order, and nothing else was applied.
    const ours = new Set(acknowledged.map((a) => a.requestId));
    const loadEvents = log.filter((e) => e.streamName.startsWith(`indicator-${plan.planId}/`) && (e.type.startsWith('Target') || e.type.startsWith('Result')));
    t.same(
      loadEvents.filter((e) => !ours.has(e.metadata.requestId)).map((e) => `${e.streamName} v${e.streamVersion} (${e.metadata.requestId})`),
      [],
      `every one of the ${loadEvents.length} target and result events is an acknowledged write`,
    );
    const lastInLog = new Map<string, string>();
    for (const e of loadEvents)
      lastInLog.set(
        `${e.data['code'] as string} ${e.type.startsWith('Target') ? 'targets' : 'results'} ${e.data['period'] as string}`,
        `${e.data['value'] as string | undefined}`,
      );
    const finals: string[] = [];
    for (const code of plan.indicators) {
      const indicator = jsonOf<{ targets: { period: string; value: string }[]; results: { period: string; value?: string }[] }>(
        await clients[1]!.send({ path: `/v1/plans/${plan.planId}/indicators/${code}` }),
      );
      for (const register of ['targets', 'results'] as const) {
        for (const period of periods) {
          const shown = indicator[register].find((entry) => entry.period === period)?.value;
          const expected = lastInLog.get(`${code} ${register} ${period}`);
          if (shown !== expected) finals.push(`${code} ${register} ${period}: the API shows ${shown}, the last acknowledged write in the log is ${expected}`);
        }
      }
    }
    t.same(finals, [], `each of the ${plan.indicators.length * 2 * periods.length} registers holds the last acknowledged write in log order`);

    const verification = await verifyLog(store);
    t.same(verification.problems, [], `verify-log: ${verification.events} events in ${verification.streams} streams, every version and hash chain intact`);

    // Read models: the two projectors (one per API process, taking turns on each projection's lock) reach the end...
    await waitForProjections(db, lastAcknowledged!);
    for (const api of apis) await api.process.stop();
    // ... and what they built equals a rebuild from zero.
    const comparisons = await compareWithRebuild({ store, sql, db });
    for (const comparison of comparisons) {
      t.same(comparison.live, comparison.rebuilt, `${comparison.projection}: every table equals a rebuild from zero (${describeDigests(comparison)})`);
    }

    const pinnedRetries = refused.filter((a) => a.ifMatch !== undefined).length;
    t.comment(
      `[${PROFILE}] ${CLIENTS} clients × ${WRITES_PER_CLIENT} writes over 2 API processes in ${seconds.toFixed(1)} s on ${plan.indicators.length * 2 * periods.length} registers: ` +
        `${attempts.length} attempts, ${acknowledged.length} acknowledged (${acknowledged.filter((a) => a.ifMatch !== undefined).length} with If-Match), ` +
        `${refused.length} answered 412 and retried (${pinnedRetries} pinned, ${refused.length - pinnedRetries} after the server's own retries; ${gaveUp} writes given up after ${MAX_ATTEMPTS} attempts), ` +
        `${replays.length} keyed writes sent twice; ${answeredLater} answers already showed a later write; ${log.length} events in the log; last write at ${formatLogPosition(lastAcknowledged!)}; ` +
        `read models rebuilt in ${comparisons.map((c) => `${c.projection} ${c.rebuildSeconds.toFixed(1)} s`).join(', ')}`,
    );
  });
}
