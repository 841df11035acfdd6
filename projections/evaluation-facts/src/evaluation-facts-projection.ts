import type { RecordedEvent } from '@semaforo/event-store';
import { projectionSchema, type ApplyContext, type Projection } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';
import { FACT_EVENT_TYPES, parseFactEvent, type FactEvent } from './fact-event.js';
import { factRows } from './fact-rows.js';
import { insertFactRows } from './insert-fact-rows.js';
import { createFactTables } from './migrations/0001-create-fact-tables.js';
import { coverAsOfReads } from './migrations/0002-cover-as-of-reads.js';
import { markReservedJustifications } from './migrations/0003-mark-reserved-justifications.js';
import { markRetiredUnits } from './migrations/0004-mark-retired-units.js';
import { keepResultWarnings } from './migrations/0005-keep-result-warnings.js';
import { loadPriorFacts } from './prior-facts.js';

/**
 * What an evaluation reads, bitemporally: plan versions, units, indicator
 * definition versions (with active / retired), target versions, result
 * versions and justifications, each row keyed by the position of the event
 * that made it. `planFactsAt` turns the rows valid at a position back into
 * the `PlanFacts` the in-memory fold would give.
 *
 * A batch costs at most three reads (the prior state of the plans, indicators
 * and renamed or moved units it touches) and at most six multi-row inserts.
 */
export const evaluationFactsProjection: Projection = {
  name: 'evaluation-facts',
  // 2: justifications say whether their text is reserved (0003). 3: results keep their plausibility warnings (0005).
  // Units say whether retired (0004) without a version of their own: the events that set it are newer than every
  // table built before it.
  version: 3,
  eventTypes: FACT_EVENT_TYPES,
  async migrate(db: AnyKysely, schema: string): Promise<void> {
    await createFactTables(db, schema);
    await coverAsOfReads(db, schema);
    await markReservedJustifications(db, schema);
    await markRetiredUnits(db, schema);
    await keepResultWarnings(db, schema);
  },
  async apply(trx: AnyKysely, schema: string, events: readonly RecordedEvent[], context?: ApplyContext): Promise<void> {
    const facts: FactEvent[] = [];
    for (const event of events) {
      const fact = parseFactEvent(event);
      if (fact !== null) facts.push(fact);
    }
    if (facts.length === 0) return;
    const prior = await loadPriorFacts(trx, schema, facts);
    await insertFactRows(trx, schema, factRows(facts, prior), context?.fromEmpty ?? false);
  },
};

/** The schema of this code's version of the projection. */
export const EVALUATION_FACTS_SCHEMA = projectionSchema(evaluationFactsProjection);
