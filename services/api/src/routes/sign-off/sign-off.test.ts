import { openEventStore } from '@semaforo/event-store';
import tap from 'tap';
import { signOffSuite } from './sign-off.suite.js';

await signOffSuite(tap, () => openEventStore({ dataDir: 'memory://' }), 'PGlite');
