import type { SignOffEvent, UnitPeriodStatus } from './sign-off-events.js';

/** Who did something and when, as the event's metadata recorded it; null when folded from bare events (specs). */
export interface SignOffStamp {
  readonly actor: { readonly id: string; readonly role?: string } | null;
  readonly at: string | null;
}

/** A sign-off event as the log holds it: the event and, beside it, the metadata that says who and when. */
export type RecordedSignOffEvent = SignOffEvent & {
  readonly metadata?: { readonly actor?: { readonly id: string; readonly role?: string }; readonly recordedAt?: string };
};

export interface UnitPeriodSignOff {
  readonly status: UnitPeriodStatus;
  /** The transition that led here: what, who, when, and its comment or reason. */
  readonly last: SignOffStamp & { readonly type: SignOffEvent['type']; readonly comment: string | null };
  /** The approval in force (status `approved`): the lock's who and when. */
  readonly approval: SignOffStamp | null;
  /** The reopening in force: it lifts the lock and the data-entry window until the unit is approved again. */
  readonly reopening: (SignOffStamp & { readonly reason: string }) | null;
}

/**
 * A plan's sign-off: per period id, per unit code, where the unit's sign-off
 * of that period stands. A (period, unit) with no entry is `open`.
 */
export interface SignOffState {
  readonly unitPeriods: Readonly<Record<string, Readonly<Record<string, UnitPeriodSignOff>>>>;
}

export const initialSignOffState = (): SignOffState => ({ unitPeriods: {} });

export const unitPeriodOf = (state: SignOffState, period: string, unit: string): UnitPeriodSignOff | undefined => state.unitPeriods[period]?.[unit];

export const statusOf = (state: SignOffState, period: string, unit: string): UnitPeriodStatus => unitPeriodOf(state, period, unit)?.status ?? 'open';

export const evolveSignOff = (state: SignOffState, event: RecordedSignOffEvent): SignOffState => {
  const { period, unit } = event.data;
  const stamp: SignOffStamp = { actor: event.metadata?.actor ?? null, at: event.metadata?.recordedAt ?? null };
  const current = unitPeriodOf(state, period, unit);
  const reopening = current?.reopening ?? null;
  let next: UnitPeriodSignOff;
  switch (event.type) {
    case 'UnitPeriodSubmitted':
      next = { status: 'submitted', last: { ...stamp, type: event.type, comment: event.data.comment ?? null }, approval: null, reopening };
      break;
    case 'UnitPeriodApproved':
      // Approving again ends the reopening: the lock is back.
      next = { status: 'approved', last: { ...stamp, type: event.type, comment: event.data.comment ?? null }, approval: stamp, reopening: null };
      break;
    case 'UnitPeriodReturned':
      next = { status: 'returned', last: { ...stamp, type: event.type, comment: event.data.comment }, approval: null, reopening };
      break;
    case 'UnitPeriodUnapproved':
      next = { status: 'submitted', last: { ...stamp, type: event.type, comment: event.data.reason }, approval: null, reopening };
      break;
    case 'UnitPeriodReopened':
      next = {
        status: current?.status === 'approved' ? 'open' : (current?.status ?? 'open'),
        last: { ...stamp, type: event.type, comment: event.data.reason },
        approval: null,
        reopening: { ...stamp, reason: event.data.reason },
      };
      break;
  }
  return { unitPeriods: { ...state.unitPeriods, [period]: { ...state.unitPeriods[period], [unit]: next } } };
};
