import { postgresRequired } from '@semaforo/sql/testing';
import t from 'tap';
import { editionsSuite } from './editions.suite.js';

// The same story on the real PostgreSQL. Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
if (!(await postgresRequired())) t.plan(0, 'PostgreSQL unreachable');
else editionsSuite(t, 'postgres');
