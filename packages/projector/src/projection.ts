import type { RecordedEvent } from '@semaforo/event-store';
import type { AnyKysely } from '@semaforo/sql';

/**
 * A read model, as plain data (the Emmett shape): a name, a version, the
 * event types it handles and a handler. The runner owns the checkpoint, the
 * transaction and the schema; the projection owns its tables.
 */
export interface Projection {
  /** Kebab-case, e.g. 'evaluation-facts'. */
  readonly name: string;
  /** Bump it to rebuild beside the live version, which is retired once the new one has caught up. */
  readonly version: number;
  /** Only these reach `apply()`; the checkpoint still moves past the others. */
  readonly eventTypes: readonly string[];
  /**
   * Creates this version's tables inside `schema` (which the runner has
   * created). Idempotent, and frozen like any migration: written against
   * `AnyKysely`, never against today's types.
   */
  migrate(db: AnyKysely, schema: string): Promise<void>;
  /**
   * Applies a batch, in log order, inside the runner's transaction: use `trx`
   * only (on PGlite the outer client waits for that very transaction).
   * Idempotent: applying an event twice changes nothing. Batch the SQL
   * (multi-row inserts): rebuild speed matters.
   */
  apply(trx: AnyKysely, schema: string, events: readonly RecordedEvent[], context?: ApplyContext): Promise<void>;
}

/** What the runner tells `apply()` besides the events. Absent when someone else calls it (tests, diagnosis). */
export interface ApplyContext {
  /**
   * Memory the projection may carry from batch to batch, so that it need not
   * read back from its tables what earlier events said. The runner hands the
   * SAME map to every batch of one worker that started at the beginning of
   * the log, as long as every earlier batch committed: whatever `apply()` put
   * in it then describes exactly the events before this batch (of the
   * projection's types). Undefined whenever that does not hold (a worker that
   * resumed from a checkpoint, or after a batch failed): read from the tables.
   * Keep it bounded; a projection may stop using it (e.g. mark it full).
   */
  readonly carried: Map<string, unknown> | undefined;
  /**
   * True under the same condition as `carried`: the worker started at the
   * log's beginning (the version's tables were just made, empty) and every
   * batch since committed. So no event of this batch has a row yet, and
   * nobody else writes these tables: `apply()` may bulk-load them (COPY,
   * see @semaforo/sql's `copyRows`) without ON CONFLICT. A rebuild always
   * runs this way. False otherwise: insert idempotently.
   */
  readonly fromEmpty: boolean;
}

/** Where a version's tables live: 'evaluation-facts' v2 -> `evaluation_facts_v2`. */
export const projectionSchema = (p: { name: string; version: number }): string => `${p.name.replaceAll('-', '_')}_v${p.version}`;

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// PostgreSQL truncates identifiers past 63 bytes: two names could then share a schema.
const MAX_IDENTIFIER = 63;

/** Throws a TypeError describing what is wrong with a projection's identity. */
export function assertProjection(p: Projection): void {
  if (typeof p.name !== 'string' || !KEBAB.test(p.name)) throw new TypeError(`projection name must be kebab-case, not ${JSON.stringify(p.name)}`);
  if (!Number.isSafeInteger(p.version) || p.version < 1)
    throw new TypeError(`projection ${p.name}: version must be a positive integer, not ${String(p.version)}`);
  if (projectionSchema(p).length > MAX_IDENTIFIER)
    throw new TypeError(`projection ${p.name}: the schema name ${projectionSchema(p)} is longer than 63 characters`);
  if (!Array.isArray(p.eventTypes)) throw new TypeError(`projection ${p.name}: eventTypes must be an array`);
}
