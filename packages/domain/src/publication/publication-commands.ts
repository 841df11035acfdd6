import { z } from 'zod';
import type { Message } from '../shared/message.js';
import { reasonSchema } from '../shared/text.js';
import { reportLayoutsSchema } from './report-layouts.js';

/**
 * What the publish route measured and the planner asked for. The route reads
 * the evaluation as of a position and passes its position, digest and method
 * here, so the decision stays pure: it never evaluates, it only decides
 * whether those figures may become the next edition.
 */
export const publishEvaluationDataSchema = z.object({
  period: z.string(),
  /** The log position the evaluation was read at, `"<commit>:<prepare>"`. */
  position: z.string(),
  /** `evaluationDigest` of the evaluation at `position`. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The evaluation method the evaluation was computed with (the plan's). */
  method: z.string(),
  /** Required from the second edition on: why the period is published again. */
  reason: reasonSchema.optional(),
  /** The planner knowingly publishes while some units are not approved yet (the decider reads which from the sign-off). */
  allowUnapprovedUnits: z.boolean().default(false),
  /** The report layout of each document format a download of this edition is rendered with (the route's latest). */
  reportLayouts: reportLayoutsSchema.optional(),
});
export type PublishEvaluation = Message<'PublishEvaluation', z.infer<typeof publishEvaluationDataSchema>>;

export type PublicationCommand = PublishEvaluation;
