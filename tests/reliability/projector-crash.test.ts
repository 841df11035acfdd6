import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { compareLogPositions, formatLogPosition, LOG_START, type LogPosition } from '@semaforo/event-store';
import { writePlanStory } from '@semaforo/projection-evaluation-facts/testing';
import { listRegistrations } from '@semaforo/projector';
import { allProjections } from '@semaforo/runtime';
import { postgresRequired } from '@semaforo/sql/testing';
import type { AnyKysely } from '@semaforo/sql';
import { appendBulkHistory } from './support/bulk-history.js';
import { ENTRY_POINTS, startChild, type RunningChild } from './support/child-process.js';
import { freshDatabase } from './support/database.js';
import { later } from './support/log.js';
import { PROFILE, sized } from './support/profile.js';
import { compareWithRebuild, describeDigests, waitForProjections } from './support/read-models.js';

/*
 * Crashes of the projector, with the real projections. The projector
 * service (`services/projector`, the process operators run) catches up on
 * a log of real plans (short: over 20,000 events; long: over 100,000) and
 * is SIGKILLed at random moments, many times, restarted each time. Its
 * checkpoints never go back; once it is left to finish, the tables of every
 * projection the product runs equal a rebuild from zero: no duplicate, no
 * gap. (packages/projector's crash test proves the runtime with a toy
 * projection; this one proves the product's projections under it.)
 */

const EVENTS = sized({ short: 20_000, long: 100_000 });
const KILLS = sized({ short: 10, long: 40 });
const BATCH_SIZE = sized({ short: 200, long: 500 });

type Checkpoints = ReadonlyMap<string, LogPosition>;

async function checkpoints(db: AnyKysely): Promise<Checkpoints> {
  const registrations = await listRegistrations(db).catch(() => []);
  return new Map(registrations.filter((r) => r.state === 'live').map((r) => [r.name, r.checkpoint]));
}

const behind = (now: Checkpoints, target: LogPosition): string[] =>
  allProjections.filter((p) => compareLogPositions(now.get(p.name) ?? LOG_START, target) < 0).map((p) => p.name);

function startProjector(url: string, logLevel = 'warn'): RunningChild {
  return startChild(ENTRY_POINTS.projector, ['start'], { DATABASE_URL: url, LOG_LEVEL: logLevel, PROJECTOR_BATCH_SIZE: String(BATCH_SIZE) });
}

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  t.test(`the projector service SIGKILLed ${KILLS} times while catching up on ${EVENTS}+ events: read models equal a clean rebuild`, async (t) => {
    const { store, sql, db, url } = await freshDatabase(t);
    // Given a log of real plans: one written command by command, and bulk years of many indicators.
    const story = await writePlanStory(new WriteSide(store));
    const bulk = await appendBulkHistory(store, { events: EVENTS, prefix: 'proyector' });
    const target = later(story, bulk.last);

    // When the projector is killed at random moments while it works,
    let projector: RunningChild | undefined;
    t.teardown(() => projector?.kill());
    const kills: string[] = [];
    let previous: Checkpoints = new Map();
    let wentBack: string[] = [];
    const started = performance.now();
    while (kills.length < KILLS) {
      projector = startProjector(url);
      const running = projector;
      // ... once this run has committed a batch (the checkpoints moved), at a random moment after it.
      for (;;) {
        const now = await checkpoints(db);
        if (allProjections.some((p) => compareLogPositions(now.get(p.name) ?? LOG_START, previous.get(p.name) ?? LOG_START) > 0)) break;
        if (running.child.exitCode !== null) throw new Error(`the projector exited by itself: ${running.stderr()}`);
        if (behind(now, target).length === 0) break;
        await sleep(20);
      }
      await sleep(Math.random() * 400);
      await running.kill();
      const now = await checkpoints(db);
      wentBack = [
        ...wentBack,
        ...allProjections
          .filter((p) => compareLogPositions(now.get(p.name) ?? LOG_START, previous.get(p.name) ?? LOG_START) < 0)
          .map((p) => `${p.name} went back to ${formatLogPosition(now.get(p.name)!)}`),
      ];
      const remaining = behind(now, target);
      kills.push(allProjections.map((p) => `${p.name} ${formatLogPosition(now.get(p.name) ?? LOG_START)}`).join(', '));
      previous = now;
      if (remaining.length === 0) break;
    }
    t.same(wentBack, [], 'no checkpoint ever went back');
    t.ok(kills.length >= Math.min(KILLS, 5), `killed ${kills.length} times before the projections reached the end of the log`);

    // and then left to finish,
    projector = startProjector(url, 'info');
    await waitForProjections(db, target);
    // The projections may have been done already: wait until this run is up (its SIGTERM handler
    // installed, after loading), else SIGTERM would end a process still loading.
    await projector.waitForLine((line) => (line.includes('"projector running"') ? true : undefined));
    const stopped = await projector.stop();
    t.equal(stopped.code, 0, `the last run stops cleanly on SIGTERM ${projector.stderr().slice(-500)}`);
    const seconds = (performance.now() - started) / 1_000;

    // then every projection's tables equal a clean rebuild: no duplicate, no gap.
    const comparisons = await compareWithRebuild({ store, sql, db });
    for (const comparison of comparisons) {
      t.same(comparison.live, comparison.rebuilt, `${comparison.projection}: equals a rebuild from zero (${describeDigests(comparison)})`);
    }
    t.comment(
      `[${PROFILE}] a plan story + ${bulk.events} bulk events (${bulk.plans.length} plans); the projector service (batches of ${BATCH_SIZE}) ` +
        `SIGKILLed ${kills.length} times, then finished; ${seconds.toFixed(1)} s in all; a clean rebuild took ` +
        `${comparisons.map((c) => `${c.projection} ${c.rebuildSeconds.toFixed(1)} s (${c.eventsRead} events)`).join(', ')}. ` +
        `Checkpoints at each kill: ${kills.map((k, i) => `#${i + 1} ${k}`).join('; ')}`,
    );
  });
}
