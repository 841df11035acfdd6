/**
 * Stream boundaries. One stream per plan (its structure: perspectives, units,
 * scale) and one per indicator of a plan (its definition, targets, results,
 * justifications). An indicator's figures change often and independently of
 * every other indicator, so giving each its own stream keeps writers of
 * different indicators from conflicting, while everything one rule needs to
 * check (a revision needs the current target) stays in one stream.
 * Registering a code twice is caught by the indicator stream's "must not
 * exist yet" append.
 */
export const planStreamName = (planId: string): string => `plan-${planId}`;

/** `/` cannot appear in a plan id or an indicator code, so the name is unambiguous. */
export const indicatorStreamName = (planId: string, code: string): string => `indicator-${planId}/${code}`;
