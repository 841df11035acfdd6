import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { SqlClient } from '@semaforo/sql';

/** CPU time, in microseconds, spent by this process and by the PostgreSQL backends serving this database. */
export interface CpuSample {
  readonly nodeUs: number;
  /** Null when the backends' /proc entries cannot be read (PostgreSQL on another host, PGlite). */
  readonly postgresUs: number | null;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * On a two-core machine shared with other work, wall-clock rates move with
 * the neighbours' load; CPU time per operation barely does. So the append
 * figure also reports where the CPU goes: our process, and the database
 * backends (read from /proc: utime + stime of each backend of this database).
 */
export async function sampleCpu(sql: SqlClient | null): Promise<CpuSample> {
  const usage = process.cpuUsage();
  const nodeUs = usage.user + usage.system;
  if (sql === null || sql.kind !== 'postgres') return { nodeUs, postgresUs: null };
  try {
    const { rows } = await sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    let ticks = 0;
    for (const { pid } of rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return { nodeUs, postgresUs: (ticks * 1_000_000) / clockTicks() };
  } catch {
    return { nodeUs, postgresUs: null };
  }
}

/** CPU spent over several measured stretches, per operation. */
export class CpuTotal {
  #nodeUs = 0;
  #postgresUs: number | null = 0;

  add(before: CpuSample, after: CpuSample): void {
    this.#nodeUs += after.nodeUs - before.nodeUs;
    this.#postgresUs =
      this.#postgresUs === null || before.postgresUs === null || after.postgresUs === null ? null : this.#postgresUs + after.postgresUs - before.postgresUs;
  }

  /**
   * `total` is our process plus the database backends (PostgreSQL), or our
   * process alone (PGlite runs inside it). The WAL writer and other shared
   * PostgreSQL processes are not counted.
   */
  perOperation(operations: number): { readonly total: number; readonly describe: string } {
    const node = this.#nodeUs / operations;
    if (this.#postgresUs === null) return { total: node, describe: `${node.toFixed(0)} µs (this process)` };
    const postgres = this.#postgresUs / operations;
    return { total: node + postgres, describe: `${(node + postgres).toFixed(0)} µs (node ${node.toFixed(0)} + postgres ${postgres.toFixed(0)})` };
  }
}
