import t from 'tap';
import { discoverySuite } from './discovery.suite.js';

t.test('discovery on PGlite: plans, indicators, periods and units, as of a position, with ETags and CSV', (t) => discoverySuite(t));
