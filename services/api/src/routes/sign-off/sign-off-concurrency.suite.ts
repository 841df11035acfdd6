import { compareLogPositions, parseLogPosition, type EventStore, type LogPosition } from '@semaforo/event-store';
import type { SqlClient } from '@semaforo/sql';
import type { Test } from 'tap';
import { accessHarness, givenPlanOf, indicatorOf } from '../../testing/access-harness.js';
import { tokenFor } from '../../testing/auth.js';

const CLIENTS = 16;
/** Enough writes per client that each keeps writing well past the approval. */
const MAX_WRITES = 60;
/** The approval is sent once this many writes have landed: well inside the clients' run. */
const APPROVE_AFTER = CLIENTS * 2;

interface Outcome {
  readonly status: number;
  readonly code: string | undefined;
  readonly position: string | null;
  /** The approval had answered before this request was sent. */
  readonly afterApproval: boolean;
}

/**
 * 16 clients write results into DSP's 2021-Q1 (each its own indicator,
 * months M01..M03, every write a new value) while a planner approves DSP for
 * 2021-Q1. Every write lands before the approval in the log, or is refused
 * with PERIOD_LOCKED; none lands after it. `apps` opens the app each client
 * and the planner talk to: one app, or one per "process" (own cache, own
 * pool) on PostgreSQL, where a client's cached sign-off is stale and only the
 * store's guard stops its append.
 */
export async function signOffConcurrencySuite(
  t: Test,
  opens: ReadonlyArray<() => Promise<{ store: EventStore; sql: SqlClient }>>,
  name: string,
): Promise<void> {
  const harnesses = [];
  for (const open of opens) harnesses.push(await accessHarness(t, { opened: await open() }));
  const apps = harnesses.map((h) => h.app);
  const store = harnesses[0]!.store;
  const first = apps[0]!;
  const institutionId = `race${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  const admin = await tokenFor(first, institutionId, 'admin');
  const planId = await givenPlanOf(first, institutionId, admin.headers);
  const plan = `/v1/plans/${planId}`;
  const codes = Array.from({ length: CLIENTS }, (_, i) => `RACE-${i + 1}`);
  for (const code of codes) {
    const registered = await first.inject({ method: 'POST', url: `${plan}/indicators`, payload: indicatorOf(code, 'DSP'), headers: admin.headers });
    if (registered.statusCode !== 201) throw new Error(registered.body);
  }
  const planner = await tokenFor(first, institutionId, 'planner');
  const reporters = await Promise.all(apps.map(() => tokenFor(first, institutionId, 'reporter', { units: ['DSP'] })));
  const submitted = await first.inject({ method: 'POST', url: `${plan}/periods/2021-Q1/units/DSP/submission`, payload: {}, headers: reporters[0]!.headers });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);

  await t.test(`${name}: ${CLIENTS} clients write into a unit-period while a planner approves it`, async (t) => {
    let landed = 0;
    let approvedAnswer = false;
    let approvalPosition: LogPosition | undefined;
    let releaseApproval!: () => void;
    const approvalMayGo = new Promise<void>((resolve) => (releaseApproval = resolve));

    const client = async (index: number): Promise<Outcome[]> => {
      const app = apps[index % apps.length]!;
      const headers = reporters[index % apps.length]!.headers;
      const outcomes: Outcome[] = [];
      for (let i = 0; i < MAX_WRITES; i++) {
        const afterApproval = approvedAnswer;
        const response = await app.inject({
          method: 'PUT',
          url: `${plan}/indicators/${codes[index]}/results/2021-M0${(i % 3) + 1}`,
          payload: { value: `${index * 1000 + i}`, reason: 'Nuevo conteo' },
          headers,
        });
        const body = response.json<{ code?: string; write?: { position: string | null } }>();
        outcomes.push({ status: response.statusCode, code: body.code, position: body.write?.position ?? null, afterApproval });
        if (response.statusCode === 200 && ++landed === APPROVE_AFTER) releaseApproval();
        // Refused once: every later write of this client would be refused too.
        if (response.statusCode !== 200) break;
      }
      return outcomes;
    };

    const planning = (async () => {
      await approvalMayGo;
      const app = apps[apps.length - 1]!;
      const approved = await app.inject({ method: 'POST', url: `${plan}/periods/2021-Q1/units/DSP/approval`, payload: {}, headers: planner.headers });
      approvedAnswer = true;
      t.equal(approved.statusCode, 200, 'the approval lands');
      approvalPosition = parseLogPosition(approved.json<{ write: { position: string } }>().write.position) ?? undefined;
    })();
    const outcomes = (await Promise.all(codes.map((_, index) => client(index)))).flat();
    await planning;
    t.ok(approvalPosition !== undefined, 'the approval has a position');
    const approval = approvalPosition!;

    // Every write either landed or was refused with the lock's code; no conflict leaked out.
    t.same(
      outcomes.filter((o) => !(o.status === 200 || (o.status === 409 && o.code === 'PERIOD_LOCKED'))),
      [],
      'every answer is 200 or 409 PERIOD_LOCKED',
    );
    const accepted = outcomes.filter((o) => o.status === 200);
    t.ok(accepted.length >= APPROVE_AFTER, `${accepted.length} writes landed`);
    t.equal(outcomes.filter((o) => o.status === 409).length, CLIENTS, 'every client met the lock');
    t.same(
      accepted.filter((o) => o.afterApproval),
      [],
      'no write sent after the approval answered landed',
    );
    t.same(
      accepted.filter((o) => o.position === null || compareLogPositions(parseLogPosition(o.position)!, approval) >= 0),
      [],
      'every accepted write is before the approval in the log',
    );

    // And the log says so: every result of DSP's indicators is before the approval, one event per accepted write.
    let results = 0;
    for (const code of codes) {
      const { events } = await store.readStream(`indicator-${planId}/${code}`);
      for (const event of events.filter((e) => e.type.startsWith('Result'))) {
        results += 1;
        if (compareLogPositions(event.position, approval) >= 0) t.fail(`${code} v${event.streamVersion} landed after the approval`);
      }
    }
    t.equal(results, accepted.length, 'one result event per accepted write, and no other');
  });
}
