import { z } from 'zod';

/**
 * What a token may do inside its institution. One role per token: a person
 * who plans and reports holds two tokens, so every event says in which
 * capacity it was made.
 * - `admin`: the institution's tokens and plans, and everything below them.
 * - `planner`: plan structure, indicators, targets.
 * - `reporter`: results and justifications, only for indicators of its units
 *   (and of their descendants in the plan's unit hierarchy).
 * - `auditor`: reads everything of its institution, the audit trail too; writes nothing.
 * - `reporting-job`: reads and regenerates reports; writes nothing.
 */
export const ROLES = ['admin', 'planner', 'reporter', 'auditor', 'reporting-job'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
