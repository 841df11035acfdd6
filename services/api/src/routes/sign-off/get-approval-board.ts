import {
  evolvePlan,
  evolveSignOff,
  initialPlanState,
  initialSignOffState,
  planStreamName,
  signOffStreamName,
  UNIT_PERIOD_STATUSES,
  signOffEventSchema,
  type PlanEvent,
} from '@semaforo/domain';
import { compareLogPositions, formatLogPosition, LOG_START, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import { problemResponses } from '@semaforo/http';
import { parseAsOf, ProjectorError } from '@semaforo/projector';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planNotFound } from '../shared/plan-not-found.js';
import { auditReadPoint } from '../shared/read-point.js';
import { answeredAtShape } from '../shared/read-schemas.js';
import { signOffPeriodParamsSchema } from './sign-off-params.js';
import { toUnitPeriodView, unitPeriodViewSchema } from './sign-off-view.js';

const boardQuerySchema = z.object({
  asOf: z
    .string()
    .optional()
    .describe(
      'The board as of a past moment: a log position `<commit>:<prepare>` is exact (not past the readable head of the log: else 409 `AS_OF_NOT_YET_PROJECTED`); an ISO-8601 instant with a zone (`2021-07-01T00:00:00Z`) resolves to the position the audit trail had reached then, as for the audit trail. Default: now.',
    ),
});

const boardSchema = z
  .object({
    planId: z.string(),
    period: z.string(),
    ...answeredAtShape,
    counts: z.object(Object.fromEntries(UNIT_PERIOD_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof UNIT_PERIOD_STATUSES)[number], z.ZodNumber>),
    units: z
      .array(unitPeriodViewSchema.omit({ period: true }).extend({ name: z.string(), parentCode: z.string().nullable() }))
      .describe('Every unit of the plan as of that position, by code.'),
  })
  .meta({ id: 'ApprovalBoard', description: "Every unit's sign-off of one period: status, who, when." });

/*
 * The board folds the plan's two short streams (its units; its sign-off, a
 * few events per unit and period) up to the position, instead of keeping a
 * read model: that is exact at any position for free, and costs one read of
 * each stream, which a board viewed by a planning office a few times a day
 * affords. No projection means no lag either: an approval shows at once.
 */
async function foldUpTo<E>(store: EventStore, name: string, position: LogPosition, fold: (events: RecordedEvent[]) => E): Promise<E> {
  const { events } = await store.readStream(name);
  return fold(events.filter((event) => compareLogPositions(event.position, position) <= 0));
}

/** The position the board is as of: the log's readable head, an exact position not past it, or an instant's audit-trail watermark. */
async function boardPosition(store: EventStore, readModels: () => Parameters<typeof auditReadPoint>[0], asOf: string | undefined): Promise<LogPosition> {
  const head = (await store.headPosition()) ?? LOG_START;
  const parsed = parseAsOf(asOf);
  if (parsed.kind === 'live') return head;
  if (parsed.kind === 'position') {
    if (compareLogPositions(parsed.position, head) > 0) {
      throw new ProjectorError('AS_OF_NOT_YET_PROJECTED', `position ${asOf} is past the readable head of the log (${formatLogPosition(head)}); retry shortly`);
    }
    return parsed.position;
  }
  const point = await auditReadPoint(readModels(), asOf);
  const [commit, prepare] = point.position.split(':');
  return { commit: BigInt(commit!), prepare: BigInt(prepare!) };
}

export type ApprovalBoard = z.output<typeof boardSchema>;

/** The board of one period as of `asOf`: what the route answers and the web app's sign-off page shows. */
export async function approvalBoard(app: FastifyInstance, planId: string, period: string, asOf: string | undefined): Promise<ApprovalBoard> {
  const position = await boardPosition(app.store, () => app.readModels(), asOf);
  const plan = await foldUpTo(app.store, planStreamName(planId), position, (events) =>
    events.reduce((state, e) => evolvePlan(state, { type: e.type, data: e.data } as PlanEvent), initialPlanState()),
  );
  if (plan.status !== 'open') throw planNotFound(planId);
  const signOff = await foldUpTo(app.store, signOffStreamName(planId), position, (events) =>
    events.reduce(
      (state, e) => evolveSignOff(state, { ...signOffEventSchema.parse({ type: e.type, data: e.data }), metadata: e.metadata }),
      initialSignOffState(),
    ),
  );
  const units = Object.values(plan.units)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(({ code, name, parentCode }) => {
      const { period: _period, ...view } = toUnitPeriodView(signOff, period, code);
      return { ...view, name, parentCode };
    });
  const counts = Object.fromEntries(UNIT_PERIOD_STATUSES.map((s) => [s, units.filter((u) => u.status === s).length])) as Record<
    (typeof UNIT_PERIOD_STATUSES)[number],
    number
  >;
  return { planId, period, position: formatLogPosition(position), ...(asOf === undefined ? {} : { asOf }), counts, units };
}

export const getApprovalBoard: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/periods/:period/approvals',
    {
      schema: {
        summary: 'The approval board of a period',
        description:
          'Every unit of the plan with its sign-off of the period (`open`, `submitted`, `approved`, `returned`), who made the last change and when, its comment or reason, the approval and the reopening in force; and the count per status. The same `position` as `asOf` gives the same bytes.',
        tags: ['sign-off'],
        params: signOffPeriodParamsSchema,
        querystring: boardQuerySchema,
        response: { 200: boardSchema, ...problemResponses(400, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const { planId, period } = request.params;
      return reply.code(200).send(await approvalBoard(app, planId, period, request.query.asOf));
    },
  );
};
