import t from 'tap';
import { openPglite } from './testing/runner-harness.js';
import { runnerSuite } from './testing/runner-suite.js';

// Each test opens a fresh in-memory PGlite.
runnerSuite(t, 'PGlite', openPglite);
