export type { SqlClient, SqlConnection, SqlParameter, SqlQueryable, SqlQueryOptions, SqlQueryResult } from './sql-client.js';
export { SqlError, SqlUnavailableError, UNIQUE_VIOLATION, isUniqueViolation } from './sql-errors.js';
export { createPostgresClient, type PostgresClientOptions } from './postgres-client.js';
export { createPgliteClient, type PgliteClientOptions } from './pglite-client.js';
export { createKysely, SqlClientDialect, type AnyKysely } from './kysely-dialect.js';
export { packedColumn, type SqlArrayType } from './packed-column.js';
export { copyRows, copyText, type CopyTarget, type CopyValue } from './copy-rows.js';
export { bulkColumn, bulkInsert, type BulkColumn, type BulkTarget } from './bulk-insert.js';
