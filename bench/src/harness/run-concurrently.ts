export interface RunResult {
  readonly operations: number;
  /** Wall time of the whole run. */
  readonly ms: number;
  /** Each operation's latency, sorted ascending. */
  readonly latenciesMs: Float64Array;
}

/**
 * Runs `operation(0) … operation(count - 1)` with `concurrency` workers, each
 * taking the next index as soon as its previous operation finishes (a closed
 * loop: the rate measured is what the system sustains, not what was offered).
 */
export async function runConcurrently(count: number, concurrency: number, operation: (index: number) => Promise<unknown>): Promise<RunResult> {
  const latencies = new Float64Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      const started = performance.now();
      await operation(index);
      latencies[index] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const ms = performance.now() - started;
  latencies.sort();
  return { operations: count, ms, latenciesMs: latencies };
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const perSecond = (run: RunResult): number => (run.operations * 1000) / run.ms;

/** Several runs as one: operations and time add up, latencies pool. */
export function combineRuns(runs: readonly RunResult[]): RunResult {
  const latencies = new Float64Array(runs.reduce((n, r) => n + r.latenciesMs.length, 0));
  let offset = 0;
  for (const run of runs) {
    latencies.set(run.latenciesMs, offset);
    offset += run.latenciesMs.length;
  }
  latencies.sort();
  return { operations: runs.reduce((n, r) => n + r.operations, 0), ms: runs.reduce((n, r) => n + r.ms, 0), latenciesMs: latencies };
}
