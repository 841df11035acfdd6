import { performance } from 'node:perf_hooks';
import t from 'tap';
import { WriteSide } from '@semaforo/commands';
import { computeEventHash, formatLogPosition, openEventStore, type EventStore, type RecordedEvent } from '@semaforo/event-store';
import { writePlanStory } from '@semaforo/projection-evaluation-facts/testing';
import { runReporter } from '@semaforo/reporter';
import type { SqlClient } from '@semaforo/sql';
import { postgresRequired } from '@semaforo/sql/testing';
import { appendBulkHistory } from './support/bulk-history.js';
import { ENTRY_POINTS, runToEnd } from './support/child-process.js';
import { freshDatabase } from './support/database.js';
import { readWholeLog } from './support/log.js';
import { PROFILE, sized } from './support/profile.js';

/*
 * Log integrity: `pnpm verify-log` walks the whole log and checks every
 * stream's versions and hash chain. Given a log written by the write side
 * and a bulk history, it passes; then events are altered behind the
 * store's back, directly in the database, as only someone with the
 * database's superuser could (the events table refuses UPDATE and DELETE
 * through a trigger; `session_replication_role = replica` silences it for
 * one transaction), and `verify-log` must name each altered event and
 * exit non-zero.
 */

const BULK_EVENTS = sized({ short: 5_000, long: 100_000 });

interface Tampering {
  readonly what: string;
  /** The event verify-log must name: the stream's first bad one. */
  readonly named: RecordedEvent;
  readonly problem: 'hash-mismatch' | 'version-gap' | 'broken-link';
}

/** One statement against the events table with its append-only trigger silenced, as a superuser could. */
async function behindTheStoresBack(sql: SqlClient, statement: string, params: readonly string[]): Promise<void> {
  await sql.transaction(async (conn) => {
    await conn.query('SET LOCAL session_replication_role = replica');
    const result = await conn.query(statement, params);
    if (result.rowCount !== 1) throw new Error(`expected to touch one event, touched ${result.rowCount}`);
  });
}

/**
 * Three streams damaged three ways, each at a random event that has a
 * successor in its stream:
 * - one event's data changed (its stored hash no longer matches it),
 * - one event deleted (its successor's version leaves a gap),
 * - one event's data changed AND its hash recomputed to match (the forger's
 *   move: the event checks out alone, but its successor's link breaks).
 */
async function tamper(sql: SqlClient, log: readonly RecordedEvent[], random: () => number): Promise<Tampering[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of log) byStream.set(event.streamName, [...(byStream.get(event.streamName) ?? []), event]);
  const candidates = [...byStream.values()].filter((events) => events.length >= 3);
  const pick = (): RecordedEvent[] => candidates.splice(Math.floor(random() * candidates.length), 1)[0]!;
  const middleOf = (events: RecordedEvent[]): number => 1 + Math.floor(random() * (events.length - 2));

  const altered = pick();
  const a = altered[middleOf(altered)]!;
  const alteredData = { ...a.data, tampered: 'yes' };
  await behindTheStoresBack(sql, 'UPDATE events SET data = $1::jsonb WHERE event_id = $2::uuid', [JSON.stringify(alteredData), a.eventId]);

  const deleted = pick();
  const d = middleOf(deleted);
  await behindTheStoresBack(sql, 'DELETE FROM events WHERE event_id = $1::uuid', [deleted[d]!.eventId]);

  const forged = pick();
  const f = middleOf(forged);
  const original = forged[f]!;
  const forgedData = { ...original.data, forged: 'yes' };
  const forgedHash = computeEventHash(original.previousHash, { ...original, data: forgedData });
  await behindTheStoresBack(sql, 'UPDATE events SET data = $1::jsonb, hash = $2 WHERE event_id = $3::uuid', [
    JSON.stringify(forgedData),
    forgedHash,
    original.eventId,
  ]);

  return [
    { what: `data of ${a.streamName} v${a.streamVersion} changed`, named: a, problem: 'hash-mismatch' },
    { what: `${deleted[d]!.streamName} v${deleted[d]!.streamVersion} deleted`, named: deleted[d + 1]!, problem: 'version-gap' },
    { what: `${original.streamName} v${original.streamVersion} rewritten with a matching hash`, named: forged[f + 1]!, problem: 'broken-link' },
  ];
}

/** A deterministic generator, so that a failure can be replayed (the seed is printed). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function givenAHistory(store: EventStore): Promise<{ events: number; streams: number }> {
  await writePlanStory(new WriteSide(store));
  await appendBulkHistory(store, { events: BULK_EVENTS, prefix: 'audit' });
  // readWholeLog waits for every commit to be readable: else the history counted here could miss its own tail
  // while verify-log, later, sees it all.
  const log = await readWholeLog(store);
  return { events: log.length, streams: new Set(log.map((event) => event.streamName)).size };
}

const seed = Number(process.env['RELIABILITY_SEED'] ?? Date.now() % 1_000_000);

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  t.test('verify-log passes an intact log, then names every altered event and exits 1 (PostgreSQL, the command as shipped)', async (t) => {
    const { store, sql, url } = await freshDatabase(t);
    const history = await givenAHistory(store);

    // When the command runs on the intact log,
    let started = performance.now();
    const intact = await runToEnd(ENTRY_POINTS.reporter, ['verify-log'], { DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const intactSeconds = (performance.now() - started) / 1_000;
    // then it passes, and says how much it checked.
    t.equal(intact.code, 0, `exit 0 on an intact log ${intact.stderr}`);
    t.equal(intact.stdout, `${intact.stdout.split('\n')[0]}\n`, 'one summary line, no problem line');
    t.match(intact.stdout, new RegExp(`^log OK: ${history.events} events in ${history.streams} streams, up to position \\d+:\\d+;`));

    // Given three events altered behind the store's back,
    const tampered = await tamper(sql, await readWholeLog(store), seededRandom(seed));
    // when it runs again,
    started = performance.now();
    const damaged = await runToEnd(ENTRY_POINTS.reporter, ['verify-log'], { DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const damagedSeconds = (performance.now() - started) / 1_000;
    // then it fails, and names each stream's first bad event: stream, version, position, event id.
    t.equal(damaged.code, 1, 'exit 1 on a damaged log');
    const [summary, ...problems] = damaged.stdout.trimEnd().split('\n');
    t.match(summary, new RegExp(`^log DAMAGED: 3 of ${history.streams} streams have a problem; ${history.events - 1} events read`));
    t.equal(problems.length, 3, 'one line per damaged stream, nothing else flagged');
    for (const { what, named, problem } of tampered) {
      const line = `${problem}\tstream ${named.streamName}\tversion ${named.streamVersion}\tposition ${formatLogPosition(named.position)}\tevent ${named.eventId} (${named.type})\t`;
      t.ok(
        problems.some((printed) => printed.startsWith(line)),
        `${what}: names ${named.streamName} v${named.streamVersion} at ${formatLogPosition(named.position)} as ${problem}`,
      );
    }
    t.comment(
      `[${PROFILE}] verify-log over ${history.events} events in ${history.streams} streams: ${intactSeconds.toFixed(1)} s intact, ` +
        `${damagedSeconds.toFixed(1)} s damaged; 3 events tampered (seed ${seed}), 3 named, 0 false alarms`,
    );
  });
}

t.test('on the embedded store too: the same walk, through the reporter called in process (PGlite is one process)', async (t) => {
  const { store, sql } = await openEventStore({ dataDir: 'memory://' });
  t.teardown(() => store.close());
  await writePlanStory(new WriteSide(store));
  const log = await readWholeLog(store);
  const run = async () => {
    let stdout = '';
    const code = await runReporter(['verify-log'], {
      env: {},
      cwd: process.cwd(),
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      // The command closes what it opened: hand it a view that leaves our store open.
      openStore: async () => ({ ...store, close: async () => undefined }),
    });
    return { code, stdout };
  };

  const intact = await run();
  t.equal(intact.code, 0);
  t.match(intact.stdout, `log OK: ${log.length} events in ${new Set(log.map((e) => e.streamName)).size} streams`);

  const tampered = await tamper(sql, log, seededRandom(seed));
  const damaged = await run();
  t.equal(damaged.code, 1);
  for (const { named, problem } of tampered) {
    t.match(damaged.stdout, `${problem}\tstream ${named.streamName}\tversion ${named.streamVersion}\tposition ${formatLogPosition(named.position)}\t`);
  }
});
