import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { bootstrapAdmin, buildApp, type App } from '@semaforo/api';
import { WriteSide } from '@semaforo/commands';
import { planStream } from '@semaforo/domain';
import { compareLogPositions, formatLogPosition, LOG_START, openEventStore, parseLogPosition, type LogPosition } from '@semaforo/event-store';
import { STORY_PLAN, writeAuditStory } from '@semaforo/projection-audit-trail/testing';
import { liveProjection, runProjections } from '@semaforo/projector';
import { allProjections, createLogger, type Config } from '@semaforo/runtime';
import { createKysely, createPostgresClient, type AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { freePort, postgresBinDir, postgresOwnedTempDir, runPostgresProgram, startPrivatePostgres } from '../reliability/support/private-postgres.js';

/*
 * Reads on a real PostgreSQL hot standby: a primary cluster of this test's
 * own, a standby made from it with `pg_basebackup -R` (streaming replication),
 * both removed at the end. The API reads from the standby when it has applied
 * what the request asks for, and the answers are the primary's, byte for byte.
 */

const bin = postgresBinDir();
if (bin === undefined) {
  // The server binaries are part of CI's environment: there, their absence fails the run.
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') throw new Error('initdb / pg_ctl / pg_basebackup not found, and CI is set');
  console.error('\n*** SKIPPED: no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup): the streaming-replica test did not run ***\n');
  t.pass('skipped: no PostgreSQL server binaries');
} else {
  // In a subtest: a failure anywhere in the setup is reported, and the teardowns (clusters stopped, directories removed) still run.
  await t.test('a hot standby behind the read routes', run);
}

async function portOrFree(port: number): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return free ? port : freePort();
}

/** Polls `check` until it holds: a wait for replication, never an assertion on time; gives up after a minute. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt += 1) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`gave up waiting: ${what}`);
}

async function lowestCheckpoint(db: AnyKysely): Promise<LogPosition | undefined> {
  let lowest: LogPosition | undefined;
  for (const projection of allProjections) {
    const { checkpoint } = await liveProjection(db, projection.name).catch(() => ({ checkpoint: undefined }));
    if (checkpoint === undefined) return undefined;
    if (lowest === undefined || compareLogPositions(checkpoint, lowest) < 0) lowest = checkpoint;
  }
  return lowest;
}

async function run(t: Test): Promise<void> {
  const primary = await startPrivatePostgres({ port: await portOrFree(5440) });
  t.teardown(() => primary.destroy());

  // The standby: a base backup of the primary with its replication settings written (-R), started on a port of its own.
  const standbyRoot = await postgresOwnedTempDir('semaforo-standby-');
  const standbyDir = join(standbyRoot, 'data');
  const standbyPort = await portOrFree(5441);
  let standbyRunning = false;
  t.teardown(async () => {
    if (standbyRunning) await runPostgresProgram('pg_ctl', ['-D', standbyDir, '-m', 'immediate', '-w', '-t', '60', 'stop']).catch(() => undefined);
    await rm(standbyRoot, { recursive: true, force: true });
  });
  await runPostgresProgram('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    standbyDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '--no-sync',
  ]);
  const standbyOptions = `-c port=${standbyPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${standbyRoot} -c hot_standby=on`;
  await runPostgresProgram('pg_ctl', ['-D', standbyDir, '-o', standbyOptions, '-l', join(standbyRoot, 'postgres.log'), '-w', '-t', '60', 'start']);
  standbyRunning = true;
  const standbyUrl = `postgres://postgres@127.0.0.1:${standbyPort}/postgres`;

  const { store, sql: primarySql } = await openEventStore({ databaseUrl: primary.url, dataDir: 'unused' });
  t.teardown(() => store.close());
  const replicaSql = createPostgresClient({ connectionString: standbyUrl, max: 4 });
  t.teardown(() => replicaSql.close());
  const primaryDb = createKysely(primarySql);
  const replicaDb = createKysely(replicaSql);
  t.teardown(async () => {
    await primaryDb.destroy();
    await replicaDb.destroy();
  });

  const inRecovery = await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(replicaDb);
  t.equal(inRecovery.rows[0]?.r, true, 'the second cluster is a hot standby');

  const projectorClock = { now: new Date('2021-06-01T00:00:00.000Z') };
  const stop = new AbortController();
  const running = runProjections({ store, sql: primarySql, projections: allProjections, clock: () => projectorClock.now, signal: stop.signal, retryMs: 20 });
  t.teardown(async () => {
    stop.abort();
    await running;
  });

  const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };
  const logger = createLogger({ level: 'silent' });
  const withReplica: App = await buildApp({ config, store, readModels: primarySql, readReplicas: [replicaSql], logger });
  const primaryOnly: App = await buildApp({ config, store, readModels: primarySql, logger });
  t.teardown(() => withReplica.close());
  t.teardown(() => primaryOnly.close());

  const { token } = await bootstrapAdmin(store, { institutionId: 'upisss' });
  const story = await writeAuditStory(store);
  const caughtUpOn = async (db: AnyKysely, head: LogPosition): Promise<boolean> => {
    const lowest = await lowestCheckpoint(db);
    return lowest !== undefined && compareLogPositions(lowest, head) >= 0;
  };
  const lastWrite = parseLogPosition(story.steps.at(-1)?.position ?? '') ?? LOG_START;
  await until('the projections catch up on the primary', () => caughtUpOn(primaryDb, lastWrite));
  const head1 = (await lowestCheckpoint(primaryDb)) ?? LOG_START;
  await until('the standby replays the projections', () => caughtUpOn(replicaDb, head1));
  const position1 = formatLogPosition(head1);

  const get = (app: App, url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...headers, authorization: `Bearer ${token}` } });
  const reads = [
    `/v1/plans/${STORY_PLAN}/audit`,
    `/v1/plans/${STORY_PLAN}/audit?format=csv`,
    `/v1/plans/${STORY_PLAN}/indicators/IE-DSP-01/targets/history`,
    `/v1/plans/${STORY_PLAN}/indicators/IE-DSP-01/results/history?format=csv&lang=en`,
    `/v1/plans/${STORY_PLAN}/evaluations/2021-Q2`,
    `/v1/plans/${STORY_PLAN}/evaluations/2021-Q2/summary?format=csv`,
  ];

  await t.test('at the same position, the standby answers the primary, byte for byte', async (t) => {
    for (const read of reads) {
      const url = `${read}${read.includes('?') ? '&' : '?'}asOf=${position1}`;
      const fromReplica = await get(withReplica, url);
      const fromPrimary = await get(primaryOnly, url);
      t.equal(fromReplica.statusCode, 200, `${url}: ${fromReplica.body.slice(0, 200)}`);
      t.equal(fromReplica.headers['semaforo-read-source'], 'replica-0', `${url} was read on the standby`);
      t.equal(fromPrimary.headers['semaforo-read-source'], undefined, 'without replicas, no new header');
      t.ok(fromReplica.rawPayload.equals(fromPrimary.rawPayload), `${url}: the same bytes`);
    }
    // An instant before the standby's newest watermark (every one so far is stamped 2021-06-01) resolves there as on the primary.
    const instant = '2021-05-31T00:00:00.000Z';
    const fromReplica = await get(withReplica, `/v1/plans/${STORY_PLAN}/audit?asOf=${instant}`);
    const fromPrimary = await get(primaryOnly, `/v1/plans/${STORY_PLAN}/audit?asOf=${instant}`);
    t.equal(fromReplica.headers['semaforo-read-source'], 'replica-0');
    t.equal(fromReplica.statusCode, 404, 'before the first watermark: the start of the log, no plan yet');
    t.ok(fromReplica.rawPayload.equals(fromPrimary.rawPayload), 'an instant: the same bytes');
  });

  await t.test('read-your-writes: a position the standby has not applied is read on the primary', async (t) => {
    await sql`SELECT pg_wal_replay_pause()`.execute(replicaDb);
    // The pause is a request (PostgreSQL 14+): WAL arriving before it takes effect would still be replayed.
    await until('the standby pauses its replay', async () => {
      const { rows } = await sql<{ state: string }>`SELECT pg_get_wal_replay_pause_state() AS state`.execute(replicaDb);
      return rows[0]?.state === 'paused';
    });
    projectorClock.now = new Date('2021-07-01T00:00:00.000Z');
    const write = await new WriteSide(store).execute(
      planStream(STORY_PLAN),
      { type: 'DefineUnit', data: { code: 'NEW', name: 'Unidad nueva', parentCode: 'DIR', areaClass: 'administrative' } },
      {
        actor: { id: 'planner@upisss', role: 'planner' },
        source: 'api',
        requestId: randomUUID(),
        correlationId: randomUUID(),
        recordedAt: '2021-07-01T00:00:00.000Z',
        newEventId: randomUUID,
      },
    );
    const written = write.position;
    if (written === null) throw new Error('the write appended nothing');
    const head2 = parseLogPosition(written) ?? LOG_START;
    await until('the primary projects the write', () => caughtUpOn(primaryDb, head2));
    t.notOk(await caughtUpOn(replicaDb, head2), 'the standby has not replayed it (replay paused)');

    const audit = `/v1/plans/${STORY_PLAN}/audit`;
    const stale = await get(withReplica, audit);
    t.equal(stale.headers['semaforo-read-source'], 'replica-0', 'a read asking for nothing takes what the standby has');
    t.equal(stale.json().position, position1, '…and says which position that is');

    const mine = await get(withReplica, audit, { 'semaforo-min-position': written });
    t.equal(mine.headers['semaforo-read-source'], 'primary', 'with the write position: the primary');
    t.ok(compareLogPositions(parseLogPosition(mine.json().position as string) ?? LOG_START, head2) >= 0, 'the answer includes the write');
    t.ok(mine.rawPayload.equals((await get(primaryOnly, audit)).rawPayload));

    const exact = await get(withReplica, `${audit}?asOf=${written}`);
    t.equal(exact.headers['semaforo-read-source'], 'primary', 'asOf past the standby: the primary');
    t.equal(exact.statusCode, 200);

    const instant = await get(withReplica, `${audit}?asOf=2021-06-15T00:00:00.000Z`);
    t.equal(instant.headers['semaforo-read-source'], 'primary', 'an instant after the standby’s newest watermark: the primary');
    t.ok(instant.rawPayload.equals((await get(primaryOnly, `${audit}?asOf=2021-06-15T00:00:00.000Z`)).rawPayload));

    const bad = await get(withReplica, audit, { 'semaforo-min-position': 'yesterday' });
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().code, 'INVALID_MIN_POSITION');

    await sql`SELECT pg_wal_replay_resume()`.execute(replicaDb);
    await until('the standby replays the write', () => caughtUpOn(replicaDb, head2));
    const caught = await get(withReplica, audit, { 'semaforo-min-position': written });
    t.equal(caught.headers['semaforo-read-source'], 'replica-0', 'once replayed, the standby serves it');
    t.ok(caught.rawPayload.equals(mine.rawPayload), 'the same bytes as the primary gave');
    // Now the standby has a watermark after 2021-06-15 (the write's, 2021-07-01): the instant resolves there, to the same position.
    const between = `${audit}?asOf=2021-06-15T00:00:00.000Z`;
    const again = await get(withReplica, between);
    t.equal(again.headers['semaforo-read-source'], 'replica-0', 'an instant the standby has a later watermark for: the standby');
    t.equal(again.json().position, position1, 'it resolves to the newest watermark before it');
    t.ok(again.rawPayload.equals(instant.rawPayload), 'the same bytes the primary gave for that instant');
  });

  await t.test('a standby that does not answer is skipped', async (t) => {
    await runPostgresProgram('pg_ctl', ['-D', standbyDir, '-m', 'immediate', '-w', '-t', '60', 'stop']);
    standbyRunning = false;
    const answer = await get(withReplica, `/v1/plans/${STORY_PLAN}/audit`);
    t.equal(answer.statusCode, 200);
    t.equal(answer.headers['semaforo-read-source'], 'primary');
  });
}
