import t from 'tap';
import { postgresRequired } from '@semaforo/sql/testing';
import { openPostgres } from './testing/runner-harness.js';
import { runnerSuite } from './testing/runner-suite.js';

// Fails the file when CI is set and PostgreSQL is unreachable; elsewhere skips it loudly.
if (await postgresRequired()) {
  // Each test creates a fresh database.
  runnerSuite(t, 'PostgreSQL', openPostgres);
} else {
  t.plan(0, 'PostgreSQL unreachable');
}
