import { createPgliteClient, type SqlClient } from '@semaforo/sql';

/** The embedded side: PGlite in `dataDir` (created if missing), or 'memory://'. */
export function openPgliteClient(dataDir: string): Promise<SqlClient> {
  return createPgliteClient({ dataDir });
}
