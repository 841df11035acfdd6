import t from 'tap';
import { editionsSuite } from './editions.suite.js';

editionsSuite(t, 'pglite');
