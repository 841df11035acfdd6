/**
 * One thing an event changed, told the way a compliance officer reads it:
 * which field, for which period, what it was and what it became.
 *
 * Values are always text (decimals exactly as reported, codes, names) or
 * `null` for "nothing": a reader never has to know each event's shape, and
 * a CSV export is one column per member. Nested values are flattened to
 * paths (`perspectives[0].name`, `correctiveActions[1].dueDate`).
 *
 * Every event yields a LIST of changes, never a single object: an amendment
 * changes several fields at once, a registration sets every field, and one
 * code path for all events is simpler for clients than "object or list".
 */
export interface AuditChange {
  readonly field: string;
  /** The period a figure or justification belongs to; absent for definitions. */
  readonly period?: string;
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * How a result reads in `before` / `after`: the reported decimal, `null` when
 * nothing had been reported, or this word when "no data" was reported
 * explicitly. A decimal can never be spelled like it, so it is unambiguous.
 */
export const NO_DATA = 'no-data';
