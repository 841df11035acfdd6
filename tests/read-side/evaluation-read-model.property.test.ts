import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import t from 'tap';
import { WriteSide, type CommandMetadata, type WriteResult } from '@semaforo/commands';
import {
  ACCUMULATIONS,
  canonicalJson,
  DomainError,
  evaluatePlan,
  evaluationDigest,
  foldPlanFacts,
  formatPeriod,
  INDICATOR_KINDS,
  MEASURES,
  PERIODICITIES,
  periodsOf,
  POLARITIES,
  type IndicatorCommand,
  type IndicatorDefinition,
  type Periodicity,
  type PlanCommand,
  type PlanFacts,
} from '@semaforo/domain';
import { compareLogPositions, formatLogPosition, LOG_START, parseLogPosition, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import { evaluationAsOf, evaluationFactsProjection, planFactsAt } from '@semaforo/projection-evaluation-facts';
import { availableBackends, startProjector, waitUntilProjected, type Backend } from '@semaforo/projection-evaluation-facts/testing';
import { liveProjection, rebuildProjection } from '@semaforo/projector';
import { sql } from 'kysely';

/*
 * The read side's properties, on random histories the write side accepts:
 * 1. at every position of a plan's log, the read model's facts (and so its
 *    evaluations: their digests are compared) equal the in-memory evaluator's;
 * 2. an answer as of a position never changes once later events are appended;
 * 3. rebuilding the read model from zero gives the rows it reached incrementally.
 *
 * Short by default (a few histories per database, well under a minute);
 * READ_SIDE_RUNS=200 for a long run, READ_SIDE_SEED=<n> to replay one.
 */
const RUNS = Number(process.env['READ_SIDE_RUNS'] ?? 5);
const SEED = process.env['READ_SIDE_SEED'] === undefined ? undefined : Number(process.env['READ_SIDE_SEED']);

const decimal = fc.oneof(
  fc.constantFrom('0', '85', '99', '99.01', '100', '0.5', '1000000'),
  fc.nat({ max: 2000 }).map(String),
  fc.tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 9_999 }), fc.integer({ min: 1, max: 4 })).map(
    ([whole, fraction, digits]) => `${whole}.${String(fraction).padStart(4, '0').slice(0, digits)}`,
  ),
);

const definition = fc.record({
  kind: fc.constantFrom(...INDICATOR_KINDS),
  perspective: fc.nat(),
  unit: fc.nat(),
  measure: fc.constantFrom(...MEASURES),
  periodicity: fc.constantFrom(...PERIODICITIES),
  polarity: fc.constantFrom(...POLARITIES),
  accumulation: fc.constantFrom(...ACCUMULATIONS),
  decimals: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
});

/** What people do to a plan. Many are refused by the deciders (a retired indicator, a period of another periodicity): that is part of the story. */
const operation = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('fill' as const), indicator: fc.nat(), values: fc.array(fc.tuple(decimal, decimal), { minLength: 12, maxLength: 12 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('target' as const), indicator: fc.nat(), slot: fc.nat(), value: decimal }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant('result' as const),
      indicator: fc.nat(),
      slot: fc.nat(),
      value: decimal,
      ratio: fc.option(fc.tuple(decimal, decimal), { nil: undefined }),
    }),
    weight: 3,
  },
  fc.record({ op: fc.constant('noData' as const), indicator: fc.nat(), slot: fc.nat() }),
  fc.record({ op: fc.constant('justify' as const), indicator: fc.nat(), slot: fc.nat(), periodicity: fc.constantFrom(...PERIODICITIES), actions: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('retire' as const), indicator: fc.nat() }),
  fc.record({ op: fc.constant('amend' as const), indicator: fc.nat(), changes: definition }),
  fc.record({ op: fc.constant('scale' as const), bounds: fc.tuple(decimal, decimal) }),
  fc.record({ op: fc.constant('unit' as const), parent: fc.option(fc.nat(), { nil: undefined }) }),
  fc.record({ op: fc.constant('perspective' as const) }),
);

const scenario = fc.record({
  fiscalYear: fc.integer({ min: 2020, max: 2030 }),
  parents: fc.array(fc.option(fc.nat(), { nil: undefined }), { maxLength: 4 }),
  indicators: fc.array(definition, { minLength: 1, maxLength: 5 }),
  before: fc.array(operation, { minLength: 5, maxLength: 30 }),
  after: fc.array(operation, { minLength: 1, maxLength: 10 }),
  reporting: fc.record({ periodicity: fc.constantFrom(...PERIODICITIES), slot: fc.nat() }),
  /** Prefixes whose as-of answers are recorded, then asked again after more events. */
  pinned: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  rebuildBatchSize: fc.integer({ min: 1, max: 40 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

/** A plan written through the real write side, one command at a time; refusals leave the log as it was. */
function planWriter(writeSide: WriteSide, planId: string, fiscalYear: number) {
  let minute = 0;
  const metadata = (): CommandMetadata => ({
    actor: { id: 'planner@prop' },
    source: 'api',
    requestId: randomUUID(),
    correlationId: randomUUID(),
    recordedAt: new Date(Date.UTC(fiscalYear, 0, 2) + 60_000 * minute++).toISOString(),
    newEventId: randomUUID,
  });
  let last: LogPosition = LOG_START;
  const refusedOk = async (run: () => Promise<WriteResult>) => {
    try {
      const { position } = await run();
      const at = position === null ? null : parseLogPosition(position);
      if (at !== null && compareLogPositions(at, last) > 0) last = at;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  };
  const units = ['DIR'];
  const perspectives = ['usuarios', 'financiera'];
  const codes: string[] = [];
  const plan = (command: PlanCommand) => refusedOk(() => writeSide.executePlanCommand(planId, command, metadata()));
  const indicator = (command: IndicatorCommand) => refusedOk(() => writeSide.executeIndicatorCommand(planId, command, metadata()));
  const periodicityOf = async (code: string): Promise<Periodicity> => {
    const { state } = await writeSide.readIndicator(planId, code);
    return state.status === 'absent' ? 'annual' : state.definition.periodicity;
  };
  const periodIn = (periodicity: Periodicity, slot: number) => formatPeriod(pick(periodsOf(fiscalYear, periodicity), slot));
  const toDefinition = (d: Scenario['indicators'][number], index: number): IndicatorDefinition => ({
    name: `Indicador ${index}`,
    kind: d.kind,
    perspective: pick(perspectives, d.perspective),
    unit: pick(units, d.unit),
    measure: d.measure,
    periodicity: d.periodicity,
    polarity: d.polarity,
    accumulation: d.accumulation,
    formula: 'Fórmula',
    ...(d.decimals === undefined ? {} : { decimals: d.decimals }),
  });

  return {
    /** Where the last accepted command's events landed: what to wait for the projector to reach. */
    lastPosition: (): LogPosition => last,
    async open(s: Scenario) {
      await plan({
        type: 'OpenPlan',
        data: {
          institutionId: planId.replace(/-\d{4}$/, ''),
          fiscalYear,
          fiscalYearStartMonth: 1,
          name: `Plan ${planId}`,
          perspectives: perspectives.map((code) => ({ code, name: code })),
        },
      });
      await plan({ type: 'DefineUnit', data: { code: 'DIR', name: 'Dirección', areaClass: 'administrative' } });
      for (const [index, parent] of s.parents.entries()) await this.unit(parent, index);
      for (const [index, d] of s.indicators.entries()) {
        const code = `IND-${index}`;
        codes.push(code);
        await indicator({ type: 'RegisterIndicator', data: { code, ...toDefinition(d, index) } });
      }
    },
    async unit(parent: number | undefined, index = units.length) {
      const code = `U${index}`;
      await plan({ type: 'DefineUnit', data: { code, name: `Unidad ${index}`, areaClass: 'health', ...(parent === undefined ? {} : { parentCode: pick(units, parent) }) } });
      if (!units.includes(code)) units.push(code);
    },
    async run(o: Scenario['before'][number]) {
      switch (o.op) {
        case 'fill': {
          const code = pick(codes, o.indicator);
          for (const [index, period] of periodsOf(fiscalYear, await periodicityOf(code)).entries()) {
            const [target, result] = pick(o.values, index);
            await indicator({ type: 'SetTarget', data: { code, period: formatPeriod(period), value: target, reason: 'Reprogramación' } });
            await indicator({ type: 'ReportResult', data: { code, period: formatPeriod(period), value: result, reason: 'Corrección' } });
          }
          return;
        }
        case 'target': {
          const code = pick(codes, o.indicator);
          return indicator({ type: 'SetTarget', data: { code, period: periodIn(await periodicityOf(code), o.slot), value: o.value, reason: 'Reprogramación' } });
        }
        case 'result': {
          const code = pick(codes, o.indicator);
          const ratio = o.ratio === undefined ? {} : { numerator: o.ratio[0], denominator: o.ratio[1] };
          return indicator({
            type: 'ReportResult',
            data: { code, period: periodIn(await periodicityOf(code), o.slot), value: o.value, ...ratio, reason: 'Corrección' },
          });
        }
        case 'noData': {
          const code = pick(codes, o.indicator);
          return indicator({ type: 'ReportResult', data: { code, period: periodIn(await periodicityOf(code), o.slot), noData: true, reason: 'Sin sistema' } });
        }
        case 'justify':
          return indicator({
            type: 'AddJustification',
            data: {
              code: pick(codes, o.indicator),
              period: periodIn(o.periodicity, o.slot),
              text: 'Justificación',
              correctiveActions: Array.from({ length: o.actions }, (_, i) => ({ action: `Acción ${i}`, owner: 'Jefatura', dueDate: `${fiscalYear}-12-31` })),
            },
          });
        case 'retire':
          return indicator({ type: 'RetireIndicator', data: { code: pick(codes, o.indicator), reason: 'Ya no aplica' } });
        case 'amend': {
          const index = o.indicator % codes.length;
          return indicator({ type: 'AmendIndicator', data: { code: pick(codes, index), changes: toDefinition(o.changes, index), reason: 'Ajuste' } });
        }
        case 'scale':
          return plan({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: o.bounds[0], goodAbove: o.bounds[1] } } });
        case 'unit':
          return this.unit(o.parent);
        case 'perspective': {
          const code = `p${perspectives.length}`;
          perspectives.push(code);
          return plan({ type: 'AddPerspective', data: { code, name: `Perspectiva ${code}` } });
        }
      }
    },
  };
}

async function planEvents(backend: Backend, planId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: LogPosition = LOG_START;
  for (;;) {
    const page = await backend.store.readAll({ after, limit: 5_000 });
    events.push(...page.filter((e) => e.streamName === `plan-${planId}` || e.streamName.startsWith(`indicator-${planId}/`)));
    if (page.length < 5_000) return events;
    after = page[page.length - 1]!.position;
  }
}

const digestOf = (facts: PlanFacts | null, period: string): string | null => (facts === null ? null : evaluationDigest(evaluatePlan(facts, period)));

async function snapshot(db: Backend['db'], schema: string): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of ['plan_versions', 'unit_versions', 'indicator_versions', 'target_versions', 'result_versions', 'justifications']) {
    tables[table] = (await sql`SELECT * FROM ${sql.table(`${schema}.${table}`)} ORDER BY 1, 2, 3, 4`.execute(db)).rows;
  }
  return canonicalJson(tables);
}

t.test('the evaluation read model against the in-memory evaluator, on random histories', async (t) => {
  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const writeSide = new WriteSide(backend.store);
      let history = 0;
      let checkedPrefixes = 0;
      let checkedEvents = 0;
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          history += 1;
          const planId = `prop${history}x${Math.floor(Math.random() * 1e6)}-${s.fiscalYear}`;
          const controller = new AbortController();
          const stops: Array<() => unknown> = [];
          startProjector({ teardown: (fn) => stops.push(fn) }, { store: backend.store, sql: backend.sql, clock: () => new Date() });
          const stopProjector = async () => {
            for (const stop of stops.splice(0)) await stop();
          };
          try {
            const writer = planWriter(writeSide, planId, s.fiscalYear);
            await writer.open(s);
            for (const o of s.before) await writer.run(o);
            await waitUntilProjected(backend.db, backend.store, writer.lastPosition());
            const { schema } = await liveProjection(backend.db, evaluationFactsProjection.name);
            const reporting = formatPeriod(pick(periodsOf(s.fiscalYear, s.reporting.periodicity), s.reporting.slot));
            const allPeriods = [...PERIODICITIES].flatMap((p) => periodsOf(s.fiscalYear, p).map(formatPeriod));

            // 1. Every prefix: the same facts, the same evaluation.
            const events = await planEvents(backend, planId);
            checkedEvents += events.length;
            for (let i = 0; i < events.length; i += 1) {
              const position = events[i]!.position;
              const expected = foldPlanFacts(events.slice(0, i + 1));
              const actual = await planFactsAt(backend.db, planId, position, schema);
              if (canonicalJson(actual) !== canonicalJson(expected)) {
                throw new Error(`facts differ at ${formatLogPosition(position)} (${events[i]!.type}, event ${i + 1} of ${events.length})`);
              }
              const periods = i === events.length - 1 ? allPeriods : [reporting];
              for (const period of periods) {
                if (digestOf(actual, period) !== digestOf(expected, period)) throw new Error(`${period} differs at ${formatLogPosition(position)}`);
              }
              checkedPrefixes += 1;
            }

            // 2. Answers as of earlier positions, recorded now...
            const pinned = s.pinned.map((n) => events[n % events.length]!.position);
            const answer = async (position: LogPosition) => {
              try {
                const { digest, evaluation } = await evaluationAsOf(backend.db, { planId, period: reporting, asOf: formatLogPosition(position) });
                return `${digest} ${canonicalJson(evaluation)}`;
              } catch (error) {
                if (error instanceof DomainError && error.code === 'PLAN_NOT_FOUND') return 'no plan';
                throw error;
              }
            };
            const answered = await Promise.all(pinned.map(answer));
            // ...are the same after more events.
            for (const o of s.after) await writer.run(o);
            const later = await waitUntilProjected(backend.db, backend.store, writer.lastPosition());
            if (!pinned.every((position) => compareLogPositions(position, later) <= 0)) throw new Error('the log went backwards');
            const again = await Promise.all(pinned.map(answer));
            if (canonicalJson(again) !== canonicalJson(answered)) throw new Error('an as-of answer changed after later events were appended');

            // 3. From zero, in batches of another size, the same rows.
            await stopProjector();
            const incremental = await snapshot(backend.db, schema);
            const rebuilt = await rebuildProjection({
              store: backend.store,
              sql: backend.sql,
              projection: evaluationFactsProjection,
              clock: () => new Date(),
              signal: controller.signal,
              batchSize: s.rebuildBatchSize,
            });
            if (!rebuilt.completed || rebuilt.schema !== schema) throw new Error(`the rebuild did not complete into ${schema}`);
            if ((await snapshot(backend.db, schema)) !== incremental) throw new Error('a rebuild from zero differs from the incremental read model');
          } finally {
            await stopProjector();
          }
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      t.comment(`${backend.kind}: ${history} histories, ${checkedEvents} events, ${checkedPrefixes} prefixes compared (facts and digests)`);
      t.ok(history >= RUNS, 'every history ran');
    });
  }
});
