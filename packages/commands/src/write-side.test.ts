import { randomUUID } from 'node:crypto';
import t from 'tap';
import { DomainError, indicatorStream, planStream, type Decider, type IndicatorCommand, type StreamOf } from '@semaforo/domain';
import { ConcurrencyError, openEventStore, type EventStore } from '@semaforo/event-store';
import type { CommandMetadata } from './command-metadata.js';
import { WriteSide } from './write-side.js';
import { StreamCache } from './stream-cache.js';

const metadata = (actor = 'planner@upisss', recordedAt = '2021-03-01T10:00:00.000Z'): CommandMetadata => ({
  actor: { id: actor, role: 'planner' },
  source: 'api',
  requestId: randomUUID(),
  correlationId: randomUUID(),
  recordedAt,
  newEventId: randomUUID,
});

const code = 'IE-DSP-NA-26';

/** One store for the whole file; each test writes streams of its own (see `aPlan`). */
let shared: EventStore | undefined;
t.teardown(() => shared?.close());
const openStore = async (): Promise<EventStore> => {
  shared ??= (await openEventStore({ dataDir: 'memory://' })).store;
  return shared;
};

let plans = 0;
/** A plan of an institution no other test uses: its streams start empty in the shared store. */
const aPlan = () => {
  plans += 1;
  const institutionId = `upisss${plans}`;
  const planId = `${institutionId}-2021`;
  return { institutionId, planId, plan: planStream(planId), indicator: indicatorStream(planId, code) };
};
type APlan = ReturnType<typeof aPlan>;

/** A plan with one unit and one quarterly indicator, written through the write side under test. */
const givenAPlanWithAnIndicator = async (writeSide: WriteSide): Promise<APlan> => {
  const given = aPlan();
  await writeSide.execute(
    given.plan,
    {
      type: 'OpenPlan',
      data: {
        institutionId: given.institutionId,
        fiscalYear: 2021,
        fiscalYearStartMonth: 1,
        name: 'PAT 2021',
        perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }],
      },
    },
    metadata(),
  );
  await writeSide.execute(given.plan, { type: 'DefineUnit', data: { code: 'DSP', name: 'Pensiones', areaClass: 'administrative' } }, metadata());
  await writeSide.execute(
    given.indicator,
    {
      type: 'RegisterIndicator',
      data: {
        code,
        name: 'Tiempo promedio de espera',
        kind: 'result',
        perspective: 'usuarios',
        unit: 'DSP',
        measure: 'days',
        periodicity: 'quarterly',
        polarity: 'lower-is-better',
        accumulation: 'average',
        formula: 'Días entre solicitud y liquidación',
      },
    },
    metadata(),
  );
  return given;
};

const setTarget = (value: string, reason?: string): IndicatorCommand => ({
  type: 'SetTarget',
  data: { code, period: '2021-Q1', value, ...(reason === undefined ? {} : { reason }) },
});

t.test('a command is decided, appended with its metadata, and its reason is recorded', async (t) => {
  const store = await openStore();
  const writeSide = new WriteSide(store);
  const { planId, indicator } = await givenAPlanWithAnIndicator(writeSide);

  const set = await writeSide.execute(indicator, setTarget('20'), metadata());
  t.match(set, { streamName: `indicator-${planId}/${code}`, version: 2, appended: 1 });
  t.match(set.position, /^\d+:\d+$/);

  const revised = await writeSide.execute(indicator, setTarget('18', 'Reprogramación aprobada'), metadata('director@upisss', '2021-04-02T09:30:00.000Z'));
  t.equal(revised.version, 3);

  const { events } = await store.readStream(`indicator-${planId}/${code}`);
  const last = events.at(-1)!;
  t.equal(last.type, 'TargetRevised');
  t.same(last.data, { planId, code, period: '2021-Q1', value: '18', previousValue: '20' });
  t.match(last.metadata, {
    actor: { id: 'director@upisss', role: 'planner' },
    source: 'api',
    recordedAt: '2021-04-02T09:30:00.000Z',
    reason: 'Reprogramación aprobada',
  });
  t.equal(last.metadata.causationId, last.metadata.requestId, 'causation defaults to the request');
});

t.test('a command that changes nothing appends nothing and reports the current version', async (t) => {
  const store = await openStore();
  const writeSide = new WriteSide(store);
  const { planId, indicator } = await givenAPlanWithAnIndicator(writeSide);
  await writeSide.execute(indicator, setTarget('20'), metadata());
  const again = await writeSide.execute(indicator, setTarget('20.0'), metadata());
  t.same(again, { streamName: `indicator-${planId}/${code}`, version: 2, appended: 0, position: null });
});

t.test("given two processes, when one writes behind the other's cache, then the other decides again on fresh state", async (t) => {
  const store = await openStore();
  const first = new WriteSide(store);
  const second = new WriteSide(store);
  const { planId, indicator } = await givenAPlanWithAnIndicator(first);
  await first.read(indicator); // warm cache at version 1

  await second.execute(indicator, setTarget('20'), metadata());

  // first's cache says "no target yet": its append conflicts, it reloads, and now a revision needs a reason.
  await t.rejects(first.execute(indicator, setTarget('25'), metadata()), { code: 'REASON_REQUIRED' });
  const revised = await first.execute(indicator, setTarget('25', 'Ajuste'), metadata());
  t.equal(revised.version, 3);
  const { events } = await store.readStream(`indicator-${planId}/${code}`);
  t.same(
    events.map((e) => e.type),
    ['IndicatorRegistered', 'TargetSet', 'TargetRevised'],
  );
});

t.test('given a client that read version 1, when the stream moved on, then If-Match fails and nothing is appended', async (t) => {
  const store = await openStore();
  const writeSide = new WriteSide(store);
  const { planId, indicator } = await givenAPlanWithAnIndicator(writeSide);
  await writeSide.execute(indicator, setTarget('20'), metadata());

  const error = await writeSide.execute(indicator, setTarget('30', 'Otra'), metadata(), { expectedVersion: 1 }).catch((e: unknown) => e);
  t.ok(error instanceof ConcurrencyError, 'a ConcurrencyError');
  t.equal((await store.readStream(`indicator-${planId}/${code}`)).version, 2);

  const ok = await writeSide.execute(indicator, setTarget('30', 'Otra'), metadata(), { expectedVersion: 2 });
  t.equal(ok.version, 3);
});

t.test('given a cached plan, when another process defines a unit, then an indicator in that unit is still accepted', async (t) => {
  const store = await openStore();
  const first = new WriteSide(store);
  const second = new WriteSide(store);
  const { planId, plan } = await givenAPlanWithAnIndicator(first);
  await second.execute(plan, { type: 'DefineUnit', data: { code: 'DNGF', name: 'Gestión Financiera', areaClass: 'administrative' } }, metadata());
  const result = await first.execute(
    indicatorStream(planId, 'IE-DNGF-NA-11'),
    {
      type: 'RegisterIndicator',
      data: {
        code: 'IE-DNGF-NA-11',
        name: 'Brecha financiera',
        kind: 'result',
        perspective: 'usuarios',
        unit: 'DNGF',
        measure: 'currency',
        periodicity: 'monthly',
        polarity: 'higher-is-better',
        accumulation: 'sum',
        formula: 'Ingresos menos gastos',
      },
    },
    metadata(),
  );
  t.equal(result.version, 1);
});

t.test('a domain error that fresh state confirms is reported, and nothing is appended', async (t) => {
  const store = await openStore();
  const writeSide = new WriteSide(store);
  const { planId, indicator } = await givenAPlanWithAnIndicator(writeSide);
  const error = await writeSide.execute(indicator, { type: 'SetTarget', data: { code, period: '2022-Q1', value: '1' } }, metadata()).catch((e: unknown) => e);
  t.ok(error instanceof DomainError);
  t.equal((error as DomainError).code, 'PERIOD_OUTSIDE_PLAN_YEAR');
  t.equal((await store.readStream(`indicator-${planId}/${code}`)).version, 1);
});

t.test('concurrent commands on one indicator all land, each exactly once', async (t) => {
  const store = await openStore();
  const writeSide = new WriteSide(store);
  const { planId, indicator } = await givenAPlanWithAnIndicator(writeSide);
  const quarters = ['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4'];
  await Promise.all(quarters.map((period) => new WriteSide(store).execute(indicator, { type: 'SetTarget', data: { code, period, value: '10' } }, metadata())));
  const { events } = await store.readStream(`indicator-${planId}/${code}`);
  t.same(
    events
      .filter((e) => e.type === 'TargetSet')
      .map((e) => e.data['period'])
      .sort(),
    quarters,
  );
});

/** The store, counting the streams it is asked to read. */
const countingReads = (store: EventStore): { store: EventStore; reads: () => number } => {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'readStream' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        reads += 1;
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { store: counted, reads: () => reads };
};

t.test('given a write that appended, the indicator after it comes from the cache, at exactly the written version', async (t) => {
  const { store, reads } = countingReads(await openStore());
  const writeSide = new WriteSide(store);
  const { indicator } = await givenAPlanWithAnIndicator(writeSide);

  const written = await writeSide.execute(indicator, setTarget('20'), metadata());
  const before = reads();
  const after = await writeSide.readAfter(indicator, written);

  t.equal(reads(), before, 'no store read');
  t.equal(after.version, written.version);
  t.match(after.state, { status: 'active', targets: { '2021-Q1': '20' } });
  t.same(after, await writeSide.read(indicator), 'the same as a fresh read');
});

t.test('given a write that appended nothing while another process moved the stream on, the indicator after it is read from the store', async (t) => {
  const { store, reads } = countingReads(await openStore());
  const first = new WriteSide(store);
  const second = new WriteSide(store);
  const { indicator } = await givenAPlanWithAnIndicator(first);
  await first.execute(indicator, setTarget('20'), metadata());
  const unchanged = await first.execute(indicator, setTarget('20'), metadata());
  t.equal(unchanged.appended, 0);
  const moved = await second.execute(indicator, setTarget('25', 'Ajuste'), metadata());

  const before = reads();
  const after = await first.readAfter(indicator, unchanged);
  t.ok(reads() > before, 'read from the store');
  t.equal(after.version, moved.version, 'what the store holds now, not the stale cache');
  t.match(after.state, { targets: { '2021-Q1': '25' } });
});

t.test("given a later write of this process, the indicator after the earlier one is the store's current one", async (t) => {
  const store = await openStore();
  const writeSide = new WriteSide(store);
  const { indicator } = await givenAPlanWithAnIndicator(writeSide);

  const earlier = await writeSide.execute(indicator, setTarget('20'), metadata());
  const later = await writeSide.execute(indicator, setTarget('22', 'Ajuste'), metadata());
  const after = await writeSide.readAfter(indicator, earlier);
  t.equal(after.version, later.version);
  t.match(after.state, { targets: { '2021-Q1': '22' } });
});

/*
 * A new aggregate is a decider and a stream descriptor, nothing in the
 * write side: here a tally whose events carry the running total, so a
 * decision taken on a stale state would show in the log.
 */
type TallyCommand = { readonly type: 'Add'; readonly data: { readonly amount: number } };
type TallyEvent = { readonly type: 'Added'; readonly data: { readonly amount: number; readonly total: number } };
type TallyState = { readonly total: number };

const tallyDecider: Decider<TallyCommand, TallyEvent, TallyState> = {
  decide: ({ data: { amount } }, state) => [{ type: 'Added', data: { amount, total: state.total + amount } }],
  evolve: (_state, event) => ({ total: event.data.total }),
  initialState: () => ({ total: 0 }),
};

let tallies = 0;
const aTally = (): StreamOf<TallyCommand, TallyEvent, TallyState> => ({
  name: `tally-${++tallies}`,
  decider: tallyDecider,
  context: {},
});
const add = (amount: number): TallyCommand => ({ type: 'Add', data: { amount } });

t.test('a new aggregate takes the same path: appended, decided again after a conflict, refused when pinned to an old version', async (t) => {
  const store = await openStore();
  const first = new WriteSide(store);
  const second = new WriteSide(store);
  const tally = aTally();

  t.match(await first.execute(tally, add(2), metadata()), { streamName: tally.name, version: 1, appended: 1 });
  t.same((await first.read(tally)).state, { total: 2 });

  await second.execute(tally, add(3), metadata());
  // first's cache is still at version 1: its append conflicts, and it decides again on the total the store has.
  t.match(await first.execute(tally, add(4), metadata()), { version: 3, appended: 1 });
  const { events } = await store.readStream(tally.name);
  t.same(
    events.map((e) => e.data['total']),
    [2, 5, 9],
  );

  const pinned = await second.execute(tally, add(1), metadata(), { expectedVersion: 2 }).catch((e: unknown) => e);
  t.ok(pinned instanceof ConcurrencyError, 'a ConcurrencyError');
  t.equal((await store.readStream(tally.name)).version, 3, 'nothing appended');
  const current = await second.execute(tally, add(1), metadata(), { expectedVersion: 3 });
  t.same((await second.readAfter(tally, current)).state, { total: 10 }, 'pinned to the current version, it lands');
});

t.test('an observer is told of each append lost to a concurrent writer, and whether it was decided again', async (t) => {
  const store = await openStore();
  const conflicts: boolean[] = [];
  const first = new WriteSide(store, new StreamCache(), { onConflict: (retried) => conflicts.push(retried) });
  const second = new WriteSide(store);
  const tally = aTally();

  await first.execute(tally, add(2), metadata());
  t.same(conflicts, [], 'no conflict, nothing told');
  await second.execute(tally, add(3), metadata());
  await first.execute(tally, add(4), metadata());
  t.same(conflicts, [true], 'a conflict, decided again');
});
