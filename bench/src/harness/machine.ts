import { availableParallelism, cpus, totalmem } from 'node:os';
import { createPostgresClient } from '@semaforo/sql';
import { testDatabaseBaseUrl } from '@semaforo/sql/testing';

export interface Machine {
  readonly nproc: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly postgres: string | null;
}

/** What the figures ran on: they mean little without it. */
export async function describeMachine(): Promise<Machine> {
  let postgres: string | null = null;
  const sql = createPostgresClient({ connectionString: testDatabaseBaseUrl(), max: 1, connectTimeoutMs: 3_000 });
  try {
    const { rows } = await sql.query<{ version: string }>("SELECT current_setting('server_version') AS version");
    postgres = rows[0]?.version ?? null;
  } catch {
    postgres = null;
  } finally {
    await sql.close();
  }
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
  };
}
