import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, LOG_START, openEventStore, type EventStore } from '@semaforo/event-store';
import { auditTrailProjection } from '@semaforo/projection-audit-trail';
import { writeAuditStory, type StoryLog } from '@semaforo/projection-audit-trail/testing';
import { liveProjection, ProjectorError, runProjections } from '@semaforo/projector';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createLogger, type Config } from '@semaforo/runtime';
import { buildApp } from '../app.js';
import { bootstrapAdmin } from '../auth/bootstrap.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface ReadSideHarness {
  readonly app: Awaited<ReturnType<typeof buildApp>>;
  readonly store: EventStore;
  /** What the story wrote, step by step (see `writeAuditStory`). */
  readonly story: StoryLog;
  /** The projector's clock: watermarks are stamped with it, so instants are under the test's control. */
  readonly projectorClock: { now: Date };
  /** Resolves once the audit trail has applied everything in the log. */
  readonly caughtUp: () => Promise<void>;
  /** A GET as the institution's admin (who may read every history and the audit trail). */
  readonly get: (url: string, headers?: InjectOptions['headers']) => Promise<LightMyRequestResponse>;
}

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };

/**
 * The real app on a real embedded store (PGlite in memory) with the audit
 * trail projected in-process by the real runner, as the API runs it; the
 * audit story of `@semaforo/projection-audit-trail/testing` already written
 * and projected.
 */
export async function readSideHarness(t: Teardown): Promise<ReadSideHarness> {
  const { store, sql } = await openEventStore({ dataDir: 'memory://' });
  const app = await buildApp({ config, store, readModels: sql, logger: createLogger({ level: 'silent' }) });
  const projectorClock = { now: new Date('2021-06-01T00:00:00.000Z') };
  const stop = new AbortController();
  const running = runProjections({
    store,
    sql,
    projections: [auditTrailProjection],
    clock: () => projectorClock.now,
    signal: stop.signal,
    retryMs: 20,
  });
  // Teardowns run in reverse order: the projector stops, then the app closes, then the store.
  t.teardown(() => store.close());
  t.teardown(() => app.close());
  t.teardown(async () => {
    stop.abort();
    await running;
  });

  const db: AnyKysely = createKysely(sql);
  const caughtUp = async (): Promise<void> => {
    const head = (await store.latestPosition()) ?? LOG_START;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const { checkpoint } = await liveProjection(db, auditTrailProjection.name);
        if (compareLogPositions(checkpoint, head) >= 0) return;
      } catch (error) {
        if (!(error instanceof ProjectorError && error.code === 'PROJECTION_NOT_LIVE')) throw error;
      }
      // A wait for the runner, not a timed assertion: it gives up only when the runner is clearly stuck.
      if (attempt > 3_000) throw new Error('the audit trail did not catch up with the log');
      await sleep(10);
    }
  };

  const { token } = await bootstrapAdmin(store, { institutionId: 'upisss' });
  const get = (url: string, headers: InjectOptions['headers'] = {}) =>
    app.inject({ method: 'GET', url, headers: { ...headers, authorization: `Bearer ${token}` } });

  const story = await writeAuditStory(store);
  await caughtUp();
  return { app, store, story, projectorClock, caughtUp, get };
}
