import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { compareLogPositions, formatLogPosition, LOG_START, openEventStore, type LogPosition } from '@semaforo/event-store';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import { positionKey } from './position-key.js';
import { projectionSchema } from './projection.js';
import { rebuildProjection } from './rebuild-projection.js';
import { readRegistration } from './registry.js';
import { waitFor } from './testing/runner-harness.js';
import { appendToyEvents, readToyApplications, readToyRows, toyProjection, TOY_COUNTED } from './testing/toy-projection.js';

const script = fileURLToPath(new URL('./testing/crash-runner.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The projector as a separate process, as in production; its stdout says which batches it committed. */
function spawnProjector(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', script], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: databaseUrl, BATCH_SIZE: '100' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let batches = 0;
  const waiters: Array<{ batches: number; resolve: () => void }> = [];
  createInterface({ input: child.stdout }).on('line', () => {
    batches += 1;
    for (const waiter of waiters.filter((w) => w.batches <= batches)) waiter.resolve();
  });
  return {
    child,
    exited,
    stderr: () => stderr,
    batches: () => batches,
    /** Resolves once the process has committed `n` batches, or has exited. */
    afterBatches: (n: number) => Promise.race([new Promise<void>((resolve) => waiters.push({ batches: n, resolve })), exited.then(() => undefined)]),
  };
}

const randomInt = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));

// `pnpm test:long` (RELIABILITY_PROFILE=long, see tests/reliability/README.md): 100,000 events and 20 kills.
const LONG = process.env['RELIABILITY_PROFILE'] === 'long';
const PER_STREAM = LONG ? 1_000 : 200;
const KILLS = LONG ? 20 : 5;

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  t.test('a projector SIGKILLed mid-way, again and again, resumes with no duplicate and no gap', async (t) => {
    const database = await createTestDatabase();
    const { store, sql } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
    const db: AnyKysely = createKysely(sql);
    t.teardown(async () => {
      await db.destroy();
      await store.close();
      await database.drop();
    });
    const toy = toyProjection();

    // Given 20,000 events (100,000 long; every 10th of a type the toy ignores),
    // (the last one appended is the target, not the head: on a shared cluster the head can lag behind our commits)
    const { last: head } = await appendToyEvents(store, { streams: 100, perStream: PER_STREAM, perAppend: 50, ignoredEvery: 10, prefix: 'crash' });

    // when the projector process is killed with SIGKILL at random moments while it works,
    const kills: string[] = [];
    let checkpoint: LogPosition = LOG_START;
    while (kills.length < KILLS) {
      const projector = spawnProjector(database.connectionString);
      await projector.afterBatches(randomInt(3, 25));
      await sleep(randomInt(0, 5));
      if (projector.child.exitCode !== null) t.fail(`the projector exited by itself: ${projector.stderr()}`);
      projector.child.kill('SIGKILL');
      const [, signal] = await projector.exited;
      t.equal(signal, 'SIGKILL', `run ${kills.length + 1} was killed`);
      const registration = await readRegistration(db, toy);
      const now = registration?.checkpoint ?? LOG_START;
      t.ok(compareLogPositions(now, checkpoint) >= 0, 'the checkpoint never goes back');
      t.ok(compareLogPositions(now, head) < 0, 'killed mid-way, before the head');
      checkpoint = now;
      kills.push(`${projector.batches()} batches in, at ${formatLogPosition(now)}`);
    }

    // and finally left to finish,
    const last = spawnProjector(database.connectionString);
    await waitFor('the last run to reach the head', async () => {
      const registration = await readRegistration(db, toy);
      return registration !== undefined && compareLogPositions(registration.checkpoint, head) >= 0;
    });
    last.child.kill('SIGTERM');
    const [code] = await last.exited;
    t.equal(code, 0, `the last run stops cleanly on SIGTERM ${last.stderr()}`);

    // then every event of the toy's type was applied exactly once: no duplicate, no gap,
    const counted: string[] = [];
    let events = 0;
    for (let after = LOG_START; ;) {
      const page = await store.readAll({ after, limit: 5_000 });
      if (page.length === 0) break;
      events += page.length;
      for (const event of page) if (event.type === TOY_COUNTED) counted.push(positionKey(event.position));
      after = page[page.length - 1]!.position;
    }
    const applied = (await readToyApplications(db, projectionSchema(toy))).map((row) => row.position_key);
    t.equal(applied.length, counted.length, `${counted.length} applications for ${counted.length} events`);
    t.same(applied, counted, 'each event once, in log order');
    // and the tables equal a clean rebuild's.
    const clean = await rebuildProjection({
      store,
      sql,
      projection: toyProjection({ version: 2 }),
      clock: () => new Date(),
      signal: new AbortController().signal,
    });
    t.same(await readToyRows(db, projectionSchema(toy)), await readToyRows(db, clean.schema), 'the same rows as a clean rebuild');
    t.comment(`SIGKILLed ${kills.length} times over ${events} events (${counted.length} applied): ${kills.join('; ')}`);
    t.comment(
      `clean rebuild: ${clean.eventsRead} events in ${clean.seconds.toFixed(2)} s (${Math.round(clean.eventsRead / clean.seconds)} events/s, toy projection)`,
    );
  });
}
