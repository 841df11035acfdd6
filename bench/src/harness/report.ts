import { writeFileSync } from 'node:fs';

/**
 * One measured number. `ratio` is always `value / baselineValue`: for a rate
 * (per second) 0.7 means 70 % of the ceiling; for a latency 1.5 means 50 %
 * slower than the ceiling's. Null when the figure has no ceiling.
 */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: string | null;
  readonly baselineValue: number | null;
  readonly ratio: number | null;
}

export interface Baseline {
  readonly name: string;
  readonly value: number;
}

const round = (value: number): number => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000);

export function figure(name: string, value: number, unit: string, baseline?: Baseline): Figure {
  return {
    name,
    value: round(value),
    unit,
    baseline: baseline?.name ?? null,
    baselineValue: baseline === undefined ? null : round(baseline.value),
    ratio: baseline === undefined || baseline.value === 0 ? null : Math.round((value / baseline.value) * 1000) / 1000,
  };
}

export interface Skipped {
  readonly name: string;
  readonly waitingFor: string;
}

/**
 * Where figures go: one JSON line each on stdout as they are measured (so a
 * long run can be watched and piped), everything else on stderr, and the
 * whole run into a JSON file at the end.
 */
export class Report {
  readonly figures: Figure[] = [];
  readonly skipped: Skipped[] = [];
  readonly notes: string[] = [];

  emit(f: Figure): void {
    this.figures.push(f);
    process.stdout.write(`${JSON.stringify(f)}\n`);
  }

  log(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  /** A figure that cannot be measured yet because what it measures does not exist. */
  skip(name: string, waitingFor: string): void {
    this.skipped.push({ name, waitingFor });
    this.log(`${name}: skipped: waiting for ${waitingFor}`);
  }

  /** Something a reader of the results should know (anomalies, retries). */
  note(message: string): void {
    this.notes.push(message);
    this.log(`note: ${message}`);
  }

  write(path: string, context: Readonly<Record<string, unknown>>): void {
    writeFileSync(path, `${JSON.stringify({ ...context, figures: this.figures, skipped: this.skipped, notes: this.notes }, null, 2)}\n`);
  }
}
