/**
 * The units whose sign-off of `period` is not approved at `position`.
 *
 * SEAM: the sign-off aggregate (submit / approve / return, branch
 * `signoff-approvals`) was not on this branch when publishing was built, so
 * no unit is ever reported unapproved yet. When it lands, this reads its
 * state as of `position` (every unit of the plan that is not `approved`);
 * the command, the decider, the event and the answers already carry the
 * list and the `allowUnapprovedUnits` flag.
 */
export async function unapprovedUnitsAt(_query: { readonly planId: string; readonly period: string; readonly position: string }): Promise<string[]> {
  return [];
}
