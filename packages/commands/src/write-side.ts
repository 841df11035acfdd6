import {
  decideIndicator,
  decidePlan,
  indicatorStreamName,
  planIdFor,
  planStreamName,
  type IndicatorCommand,
  type IndicatorState,
  type PlanCommand,
  type PlanState,
} from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';
import { CommandHandler } from './command-handler.js';
import type { CommandMetadata } from './command-metadata.js';
import { indicatorAggregate } from './indicator/indicator-aggregate.js';
import { planAggregate } from './plan/plan-aggregate.js';
import { StreamCache, type CachedStream } from './stream-cache.js';
import type { WriteOptions, WriteResult } from './write-options.js';

/**
 * The public write path: every command of the product enters here, from the
 * API, the CLI, importers and benchmarks alike.
 */
export class WriteSide {
  readonly #handler: CommandHandler;
  readonly #cache: StreamCache;

  constructor(store: EventStore, cache = new StreamCache()) {
    this.#handler = new CommandHandler(store, cache);
    this.#cache = cache;
  }

  /** `planId` is ignored for `OpenPlan`, whose id derives from institution and year. */
  executePlanCommand(planId: string, command: PlanCommand, metadata: CommandMetadata, options?: WriteOptions): Promise<WriteResult> {
    const id = command.type === 'OpenPlan' ? planIdFor(command.data.institutionId, command.data.fiscalYear) : planId;
    return this.#handler.execute(
      planAggregate,
      async () => ({
        streamName: planStreamName(id),
        decide: (state) => decidePlan(command, state),
      }),
      metadata,
      options,
    );
  }

  executeIndicatorCommand(
    planId: string,
    command: IndicatorCommand,
    metadata: CommandMetadata,
    options?: WriteOptions,
  ): Promise<WriteResult> {
    return this.#handler.execute(
      indicatorAggregate,
      async (fresh) => {
        const plan = await this.#handler.load(planStreamName(planId), planAggregate, { fresh });
        return {
          streamName: indicatorStreamName(planId, command.data.code),
          decide: (indicator) => decideIndicator(command, { plan: plan.state, indicator }),
          reason: 'reason' in command.data ? command.data.reason : undefined,
        };
      },
      metadata,
      options,
    );
  }

  /** The plan's current state and version, caught up with the store. */
  readPlan(planId: string): Promise<CachedStream<PlanState>> {
    return this.#handler.load(planStreamName(planId), planAggregate, { fresh: true });
  }

  readIndicator(planId: string, code: string): Promise<CachedStream<IndicatorState>> {
    return this.#handler.load(indicatorStreamName(planId, code), indicatorAggregate, { fresh: true });
  }

  /**
   * The indicator as the write `written` left it. An append that succeeded
   * put exactly that state in the cache (the append checked the version it
   * was decided on), so while the cache still holds that version it is the
   * answer, without reading the store again. Otherwise (nothing appended,
   * so the cache may be behind another process; or a later write of this
   * process already moved it on), as `readIndicator`.
   */
  async readIndicatorAfter(planId: string, code: string, written: WriteResult): Promise<CachedStream<IndicatorState>> {
    const streamName = indicatorStreamName(planId, code);
    if (written.appended > 0 && written.streamName === streamName) {
      const cached = this.#cache.get<IndicatorState>(streamName);
      if (cached !== undefined && cached.version === written.version) return cached;
    }
    return this.readIndicator(planId, code);
  }
}
