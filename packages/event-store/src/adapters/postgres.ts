import { createPostgresClient, type SqlClient } from '@semaforo/sql';

/** The PostgreSQL side: a pooled client. The store itself is the shared SQL one. */
export function openPostgresClient(databaseUrl: string): SqlClient {
  return createPostgresClient({ connectionString: databaseUrl, applicationName: 'semaforo' });
}
