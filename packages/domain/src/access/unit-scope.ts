/** The part of a plan's unit hierarchy the scope needs: each unit's parent. */
export type UnitParents = Readonly<Record<string, { readonly parentCode: string | null }>>;

/**
 * Whether `unit` is one of `assigned` or a descendant of one of them in the
 * plan's hierarchy (division → unit → department). Walks up from `unit`;
 * a unit the plan does not define, or a cycle (not possible through the
 * decider, but the walk must end), stops the walk.
 */
export const unitWithinScope = (assigned: readonly string[], unit: string, units: UnitParents): boolean => {
  const scope = new Set(assigned);
  const seen = new Set<string>();
  let current: string | null = unit;
  while (current !== null && !seen.has(current)) {
    if (scope.has(current)) return true;
    seen.add(current);
    current = units[current]?.parentCode ?? null;
  }
  return false;
};
