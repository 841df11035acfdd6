/** How much each figure measures. `quick` fits in under three minutes on a two-core machine; `full` takes longer and says more. */
export interface Profile {
  readonly name: 'quick' | 'full';
  readonly seed: number;
  readonly append: { readonly concurrencies: readonly number[]; readonly operations: number; readonly warmup: number; readonly institutions: number };
  /** PGlite is one session in this process: fewer commands are enough to see its rate. */
  readonly appendPglite: { readonly concurrencies: readonly number[]; readonly operations: number; readonly warmup: number; readonly institutions: number };
  readonly import: { readonly events: number; readonly batchSize: number; readonly sliceSize: number };
  readonly importPglite: { readonly events: number; readonly batchSize: number; readonly sliceSize: number };
  /** The catalog's year of results through the importer, once per plan (5,872 rows each). */
  readonly importer: { readonly rounds: number; readonly batchSize: number };
  readonly http: { readonly connections: number; readonly seconds: number; readonly institutions: number };
  readonly rebuild: { readonly events: number };
  readonly asOf: { readonly indicators: number; readonly pastPositions: number; readonly headRepetitions: number };
  /** The as-of figure's plan alone in the log, then beside `institutions × years` plans like it (issue 17). */
  readonly asOfBigLog: {
    readonly indicators: number;
    readonly institutions: number;
    readonly years: number;
    readonly pastPositions: number;
    readonly headRepetitions: number;
  };
  /** Emmett's PostgreSQL event store on the append figure's workload (issue 17). */
  readonly emmett: { readonly concurrencies: readonly number[]; readonly operations: number; readonly warmup: number };
  readonly asOfPglite: { readonly indicators: number; readonly pastPositions: number; readonly headRepetitions: number };
  readonly editions: { readonly indicators: number; readonly changedShare: number; readonly reads: number; readonly differences: number };
  readonly report: { readonly indicators: number; readonly htmlPositions: number; readonly pdfPositions: number };
  readonly reportXlsx: { readonly indicators: number; readonly renders: number };
  /** The web app's overview (head and past) and indicator page, each `repetitions` times. */
  readonly web: { readonly indicators: number; readonly repetitions: number };
}

export const PROFILES: Readonly<Record<Profile['name'], Profile>> = {
  quick: {
    name: 'quick',
    seed: 42,
    append: { concurrencies: [1, 8, 32], operations: 3_000, warmup: 300, institutions: 3 },
    appendPglite: { concurrencies: [1, 8, 32], operations: 1_000, warmup: 200, institutions: 1 },
    import: { events: 100_000, batchSize: 2_000, sliceSize: 10_000 },
    importPglite: { events: 50_000, batchSize: 2_000, sliceSize: 10_000 },
    importer: { rounds: 2, batchSize: 2_000 },
    http: { connections: 64, seconds: 5, institutions: 2 },
    rebuild: { events: 50_000 },
    // 100 at the head as at past positions: the p99 of 20 calls was their slowest one, a garbage collection's pause.
    asOf: { indicators: 1_000, pastPositions: 100, headRepetitions: 100 },
    // 150 calls a side: the p99 of 50 was their slowest call, so the ratio of two p99s compared two outliers.
    asOfBigLog: { indicators: 1_000, institutions: 10, years: 5, pastPositions: 150, headRepetitions: 150 },
    emmett: { concurrencies: [1, 8, 32], operations: 1_500, warmup: 200 },
    asOfPglite: { indicators: 1_000, pastPositions: 25, headRepetitions: 10 },
    editions: { indicators: 1_000, changedShare: 0.05, reads: 200, differences: 50 },
    report: { indicators: 1_000, htmlPositions: 30, pdfPositions: 5 },
    reportXlsx: { indicators: 1_000, renders: 10 },
    web: { indicators: 1_000, repetitions: 100 },
  },
  full: {
    name: 'full',
    seed: 42,
    append: { concurrencies: [1, 8, 32], operations: 12_000, warmup: 1_000, institutions: 6 },
    appendPglite: { concurrencies: [1, 8, 32], operations: 4_000, warmup: 500, institutions: 3 },
    import: { events: 1_000_000, batchSize: 2_000, sliceSize: 20_000 },
    importPglite: { events: 1_000_000, batchSize: 2_000, sliceSize: 20_000 },
    importer: { rounds: 6, batchSize: 2_000 },
    http: { connections: 64, seconds: 20, institutions: 3 },
    rebuild: { events: 1_000_000 },
    asOf: { indicators: 1_000, pastPositions: 100, headRepetitions: 100 },
    asOfBigLog: { indicators: 1_000, institutions: 200, years: 10, pastPositions: 300, headRepetitions: 300 },
    emmett: { concurrencies: [1, 8, 32], operations: 6_000, warmup: 500 },
    asOfPglite: { indicators: 1_000, pastPositions: 100, headRepetitions: 100 },
    editions: { indicators: 1_000, changedShare: 0.05, reads: 1_000, differences: 200 },
    report: { indicators: 1_000, htmlPositions: 100, pdfPositions: 20 },
    reportXlsx: { indicators: 1_000, renders: 50 },
    web: { indicators: 1_000, repetitions: 200 },
  },
};
