import {
  initialSignOffState,
  decideIndicator,
  decidePlan,
  evolveIndicator,
  evolvePlan,
  indicatorStreamName,
  initialIndicatorState,
  initialPlanState,
  planIdFor,
  planStreamName,
  type IndicatorState,
  type PlanState,
} from '@semaforo/domain';
import type { EventToAppend, JsonObject } from '@semaforo/event-store';
import { commandMetadata, type DatasetCommand } from './dataset-command.js';

/** An event decided for a stream, at the version it will have there. */
export interface DecidedEvent {
  readonly streamName: string;
  readonly streamVersion: number;
  readonly event: EventToAppend;
}

/**
 * The fast path to a log: decide each command with the pure deciders on
 * in-memory state, and stamp each event the way the write side's command
 * handler does (same metadata, same reason, the same derived event ids), so
 * that bulk-appending the result gives the log that writing the commands
 * one by one would have given. A domain error here is a generator bug: it is
 * thrown, never skipped.
 */
const NO_SIGN_OFF = initialSignOffState();

export function* decideDataset(commands: Iterable<DatasetCommand>): Generator<DecidedEvent> {
  const plans = new Map<string, { version: number; state: PlanState }>();
  const indicators = new Map<string, { version: number; state: IndicatorState }>();

  for (const line of commands) {
    const metadata = commandMetadata(line.metadata);
    const stamp = (type: string, data: object, reason: string | undefined): EventToAppend => ({
      eventId: metadata.newEventId(),
      type,
      data: data as JsonObject,
      metadata: {
        actor: metadata.actor,
        source: metadata.source,
        requestId: metadata.requestId,
        correlationId: metadata.correlationId,
        causationId: metadata.requestId,
        recordedAt: metadata.recordedAt,
        ...(reason === undefined ? {} : { reason }),
      },
    });

    if (line.target === 'plan') {
      const command = line.command;
      const planId = command.type === 'OpenPlan' ? planIdFor(command.data.institutionId, command.data.fiscalYear) : line.planId;
      const streamName = planStreamName(planId);
      const current = plans.get(planId) ?? { version: 0, state: initialPlanState() };
      const events = decidePlan(command, current.state);
      for (const event of events) {
        current.version += 1;
        current.state = evolvePlan(current.state, event);
        yield { streamName, streamVersion: current.version, event: stamp(event.type, event.data, undefined) };
      }
      plans.set(planId, current);
      continue;
    }

    const command = line.command;
    const plan = plans.get(line.planId)?.state ?? initialPlanState();
    const streamName = indicatorStreamName(line.planId, command.data.code);
    const current = indicators.get(streamName) ?? { version: 0, state: initialIndicatorState() };
    // The dataset never signs a period off: every write is decided on an empty sign-off.
    const events = decideIndicator(command, { plan, signOff: NO_SIGN_OFF, recordedAt: metadata.recordedAt, indicator: current.state });
    const reason = 'reason' in command.data ? command.data.reason : undefined;
    for (const event of events) {
      current.version += 1;
      current.state = evolveIndicator(current.state, event);
      yield { streamName, streamVersion: current.version, event: stamp(event.type, event.data, reason) };
    }
    indicators.set(streamName, current);
  }
}
