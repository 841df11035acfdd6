/**
 * How big a proof to run. `short` (the default) is what `pnpm test` and CI
 * run: every scenario, at a size that keeps each file well under two
 * minutes on two cores. `long` (`pnpm test:long`, i.e.
 * RELIABILITY_PROFILE=long) runs the same scenarios at the sizes the issue
 * asks for (100,000 events under projector crashes, thousands of
 * concurrent writes, tens of thousands of fuzzed requests).
 */
export type ReliabilityProfile = 'short' | 'long';

function readProfile(): ReliabilityProfile {
  const value = process.env['RELIABILITY_PROFILE'];
  if (value === undefined || value === '' || value === 'short') return 'short';
  if (value === 'long') return 'long';
  throw new Error(`RELIABILITY_PROFILE must be short or long, not ${JSON.stringify(value)}`);
}

export const PROFILE: ReliabilityProfile = readProfile();

/** The value for the profile being run. */
export function sized<T>(sizes: { readonly short: T; readonly long: T }): T {
  return sizes[PROFILE];
}
