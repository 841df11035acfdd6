import t from 'tap';
import { auditPeopleSuite } from './audit-people.suite.js';

t.test('people in the audit, on PGlite', (t) => auditPeopleSuite(t));
