import { WriteSide } from '@semaforo/commands';
import { DomainError } from '@semaforo/domain';
import { auditTrailProjection } from '@semaforo/projection-audit-trail';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import { commandClock, openBackend, storyWriter, waitUntilProjected } from '@semaforo/projection-evaluation-facts/testing';
import { runProjections } from '@semaforo/projector';
import { createLogger, type Config } from '@semaforo/runtime';
import fc from 'fast-check';
import t from 'tap';
import { buildApp } from '../../app.js';
import { tokenFor } from '../../testing/auth.js';
import type { DifferenceAnswer } from './answer-difference.js';

/*
 * For random histories written through the real write side on a real store
 * (PGlite), with both read models projected by the real runner: an
 * edition's bytes never change whatever is appended after it (figures,
 * corrections, justifications, restatements), and the difference from the
 * edition to now is empty exactly when the evaluation now is the edition's.
 */
const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };
const RUNS = 12;
const CODES = ['IND-1', 'IND-2', 'IND-3'] as const;
const QUARTERS = ['2021-Q1', '2021-Q2'] as const;

const value = fc.constantFrom('0', '50', '84.99', '85', '99', '100', '120.5');
const operation = fc.oneof(
  fc.record({ op: fc.constant('target' as const), code: fc.constantFrom(...CODES), period: fc.constantFrom(...QUARTERS), value }),
  fc.record({ op: fc.constant('result' as const), code: fc.constantFrom(...CODES), period: fc.constantFrom(...QUARTERS), value }),
  fc.record({ op: fc.constant('noData' as const), code: fc.constantFrom(...CODES), period: fc.constantFrom(...QUARTERS) }),
  fc.record({ op: fc.constant('justify' as const), code: fc.constantFrom(...CODES), period: fc.constantFrom(...QUARTERS) }),
  fc.record({ op: fc.constant('publish' as const) }),
);
const history = fc.record({ before: fc.array(operation, { maxLength: 8 }), after: fc.array(operation, { maxLength: 8 }) });

const backend = await openBackend(t, 'pglite');
const app = await buildApp({ config, store: backend.store, readModels: backend.sql, logger: createLogger({ level: 'silent' }) });
t.teardown(() => app.close());
const controller = new AbortController();
const projections = [evaluationFactsProjection, auditTrailProjection];
const running = runProjections({ store: backend.store, sql: backend.sql, projections, clock: () => new Date(), signal: controller.signal, retryMs: 20 });
t.teardown(async () => {
  controller.abort();
  await running;
});
const caughtUp = async () => {
  const head = (await backend.store.latestPosition())!;
  for (const p of projections) await waitUntilProjected(backend.db, backend.store, head, p.name);
};

let plans = 0;
t.test('an edition never changes, and its difference from now is empty exactly when now is the same evaluation', async (t) => {
  let published = 0;
  let changed = 0;
  await fc.assert(
    fc.asyncProperty(history, async ({ before, after }) => {
      plans += 1;
      const institutionId = `prop-${plans}`;
      const planId = `${institutionId}-2021`;
      const editions = `/v1/plans/${planId}/evaluations/2021-Q2/editions`;
      const planner = await tokenFor(app, institutionId, 'planner');
      const w = storyWriter(new WriteSide(backend.store), commandClock('2021-07-01T10:00:00.000Z', 'reporter@prop'), planId);
      await w.plan({
        type: 'OpenPlan',
        data: { institutionId, fiscalYear: 2021, fiscalYearStartMonth: 1, name: 'PAT', perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] },
      });
      await w.plan({ type: 'DefineUnit', data: { code: 'DSP', name: 'Pensiones', areaClass: 'administrative' } });
      for (const code of CODES) {
        await w.indicator({
          type: 'RegisterIndicator',
          data: {
            code,
            name: code,
            kind: 'result',
            perspective: 'usuarios',
            unit: 'DSP',
            measure: 'count',
            periodicity: 'quarterly',
            polarity: 'higher-is-better',
            accumulation: 'sum',
            formula: 'Casos',
          },
        });
      }
      let restatements = 0;
      const run = async (o: (typeof before)[number]) => {
        try {
          switch (o.op) {
            case 'target':
              await w.indicator({ type: 'SetTarget', data: { code: o.code, period: o.period, value: o.value, reason: 'Reprogramación' } });
              break;
            case 'result':
              await w.indicator({ type: 'ReportResult', data: { code: o.code, period: o.period, value: o.value, reason: 'Corrección' } });
              break;
            case 'noData':
              await w.indicator({ type: 'ReportResult', data: { code: o.code, period: o.period, noData: true, reason: 'Sin sistema' } });
              break;
            case 'justify':
              await w.indicator({ type: 'AddJustification', data: { code: o.code, period: o.period, text: 'Falta de personal', correctiveActions: [] } });
              break;
            case 'publish': {
              await caughtUp();
              restatements += 1;
              const response = await app.inject({
                method: 'POST',
                url: editions,
                payload: { reason: `Reexpresión ${restatements}`, allowUnapprovedUnits: true },
                headers: planner.headers,
              });
              // A restatement of nothing new is refused, which is part of the story.
              if (response.statusCode !== 201 && response.json<{ code: string }>().code !== 'EDITION_UNCHANGED') throw new Error(response.body);
              break;
            }
          }
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      };

      for (const o of before.filter((o) => o.op !== 'publish')) await run(o);
      await caughtUp();
      const first = await app.inject({ method: 'POST', url: editions, payload: { allowUnapprovedUnits: true }, headers: planner.headers });
      if (first.statusCode !== 201) throw new Error(`publish: ${first.statusCode} ${first.body}`);
      published += 1;
      const bytes = (await app.inject({ method: 'GET', url: `${editions}/1`, headers: planner.headers })).body;

      for (const o of after) await run(o);
      await caughtUp();
      const again = await app.inject({ method: 'GET', url: `${editions}/1`, headers: planner.headers });
      if (again.body !== bytes) throw new Error('edition 1 changed after later appends');

      const difference = (await app.inject({ method: 'GET', url: `${editions}/1/difference`, headers: planner.headers })).json<DifferenceAnswer>();
      const now = await app.inject({ method: 'GET', url: `/v1/plans/${planId}/evaluations/2021-Q2?asOf=${difference.to.position}`, headers: planner.headers });
      const same = now.json<{ digest: string }>().digest === difference.from.digest;
      if (difference.empty !== same) throw new Error(`empty is ${difference.empty}, the evaluations are ${same ? 'the same' : 'different'}`);
      if (!same) changed += 1;
    }),
    { numRuns: RUNS },
  );
  t.equal(published, RUNS, 'every run published an edition');
  t.ok(changed > 0, `some runs changed the evaluation after publishing (${changed})`);
});
