export { createTestDatabase, testDatabaseBaseUrl, DEFAULT_TEST_DATABASE_URL, type TestDatabase } from './test-database.js';
export { postgresRequired, postgresUnavailableReason } from './postgres-required.js';
export { sqlClientContract, type SqlClientUnderTest } from './sql-client-contract.js';
