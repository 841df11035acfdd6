import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, formatLogPosition, type EventStore, type LogPosition } from '@semaforo/event-store';
import { listRegistrations, projectionSchema, rebuildProjection, type Projection } from '@semaforo/projector';
import { allProjections } from '@semaforo/runtime';
import type { SqlClient, AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

/** Rows and SHA-256 of one table, over its rows' text in code-unit order: equal digests, equal contents. */
export interface TableDigest {
  readonly table: string;
  readonly rows: number;
  readonly digest: string;
}

/** Every table of a schema, digested. */
export async function schemaDigest(db: AnyKysely, schema: string): Promise<TableDigest[]> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY table_name COLLATE "C"`.execute(db);
  const digests: TableDigest[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await sql<{ rows: string; digest: string }>`
      SELECT count(*)::text AS rows,
             encode(sha256(convert_to(coalesce(string_agg(t::text, E'\n' ORDER BY t::text COLLATE "C"), ''), 'UTF8')), 'hex') AS digest
      FROM ${sql.table(`${schema}.${table}`)} AS t`.execute(db);
    digests.push({ table, rows: Number(rows[0]!.rows), digest: rows[0]!.digest });
  }
  return digests;
}

/**
 * Waits until every projection the product runs has a live version whose
 * checkpoint is at or past `target` (what the projectors, in the API or in
 * their own processes, are expected to reach by themselves).
 */
export async function waitForProjections(db: AnyKysely, target: LogPosition, options: { readonly timeoutMs?: number } = {}): Promise<number> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  for (;;) {
    const registrations = await listRegistrations(db).catch(() => []);
    const behind = allProjections.filter(
      (p) => !registrations.some((r) => r.name === p.name && r.state === 'live' && compareLogPositions(r.checkpoint, target) >= 0),
    );
    if (behind.length === 0) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      const where = registrations.map((r) => `${r.name} v${r.version} ${r.state} at ${formatLogPosition(r.checkpoint)}`).join('; ');
      throw new Error(`projections ${behind.map((p) => p.name).join(', ')} did not reach ${formatLogPosition(target)} within ${timeoutMs} ms (${where})`);
    }
    await sleep(200);
  }
}

export interface ReadModelComparison {
  readonly projection: string;
  readonly live: readonly TableDigest[];
  readonly rebuilt: readonly TableDigest[];
  readonly rebuildSeconds: number;
  readonly eventsRead: number;
}

/**
 * For each projection the product runs: the digest of its live tables (as
 * the projector built them, incrementally, whatever happened meanwhile),
 * and of the same projection rebuilt from zero beside it (a version
 * 1,000 higher, in its own schema). Stop every runner of the live version
 * first: the rebuilt version goes live, and the live one is retired.
 */
export async function compareWithRebuild(options: {
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly db: AnyKysely;
}): Promise<ReadModelComparison[]> {
  const comparisons: ReadModelComparison[] = [];
  for (const projection of allProjections) {
    const live = await schemaDigest(options.db, projectionSchema(projection));
    const clean: Projection = { ...projection, version: projection.version + 1_000 };
    const result = await rebuildProjection({
      store: options.store,
      sql: options.sql,
      projection: clean,
      clock: () => new Date(),
      signal: new AbortController().signal,
    });
    comparisons.push({
      projection: projection.name,
      live,
      rebuilt: await schemaDigest(options.db, result.schema),
      rebuildSeconds: result.seconds,
      eventsRead: result.eventsRead,
    });
  }
  return comparisons;
}

/** "audit-trail: entries 1204 rows, plans 1, units 3" */
export function describeDigests(comparison: ReadModelComparison): string {
  return `${comparison.projection}: ${comparison.live.map((d) => `${d.table} ${d.rows}`).join(', ')} rows`;
}
