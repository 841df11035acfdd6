import { formatLogPosition, type ReadStreamResult, type RecordedEvent } from '@semaforo/event-store';
import { z } from 'zod';

export const recordedEventSchema = z
  .object({
    eventId: z.string().describe('Unique in the whole log.'),
    type: z.string().describe('What happened, e.g. `TargetRevised`.'),
    streamVersion: z.number().int().min(1).describe('1 for the first event of the stream.'),
    position: z.string().describe('Where the event stands in the whole log, `"<commit>:<prepare>"`.'),
    hash: z.string().describe("Hex SHA-256 over `previousHash` and the event's canonical JSON."),
    previousHash: z.string().describe("`hash` of the stream's previous event; 64 zeros for the first."),
    data: z.record(z.string(), z.unknown()).describe("The event's facts, as the domain recorded them."),
    metadata: z
      .object({
        actor: z.object({ id: z.string(), role: z.string().optional() }).describe('Who made the change.'),
        source: z.enum(['api', 'import', 'cli']).describe('Where the change came from.'),
        requestId: z.string(),
        correlationId: z.string(),
        causationId: z.string(),
        recordedAt: z.string().describe('ISO-8601 instant the command was received.'),
        reason: z.string().optional().describe('Why, when the command gave a reason (revisions, corrections, retirements).'),
      })
      .describe('Who, where from, when and why.'),
  })
  .meta({ id: 'RecordedEvent', description: 'One stored event, exactly as the log holds it.' });

export const streamEventsSchema = z
  .object({
    streamName: z.string(),
    version: z.number().int().min(1).describe("The stream's version; the `ETag` is this number, quoted."),
    events: z.array(recordedEventSchema).describe('In stream order.'),
  })
  .meta({ id: 'StreamEvents', description: "A stream's events: every change, with actor, time, source and reason." });

export type StreamEventsView = z.output<typeof streamEventsSchema>;

export const streamEventsQuerySchema = z.object({
  afterVersion: z.coerce
    .number()
    .int()
    .min(0)
    // The log keeps stream versions as 32-bit integers: past this, the store's query overflowed (a 500).
    .max(2_147_483_647)
    .optional()
    .describe('Only events after this stream version: what is new since the version you hold.'),
});

const toRecordedEventView = (event: RecordedEvent): z.output<typeof recordedEventSchema> => ({
  eventId: event.eventId,
  type: event.type,
  streamVersion: event.streamVersion,
  position: formatLogPosition(event.position),
  hash: event.hash,
  previousHash: event.previousHash,
  data: event.data,
  metadata: event.metadata,
});

export const toStreamEventsView = (streamName: string, { version, events }: ReadStreamResult): StreamEventsView => ({
  streamName,
  version,
  events: events.map(toRecordedEventView),
});
