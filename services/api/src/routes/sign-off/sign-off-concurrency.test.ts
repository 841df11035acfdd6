import { openEventStore } from '@semaforo/event-store';
import tap from 'tap';
import { signOffConcurrencySuite } from './sign-off-concurrency.suite.js';

// One process on PGlite: its appends are serialised, but a client's decision and its append are not, so the guard still decides.
await signOffConcurrencySuite(tap, [() => openEventStore({ dataDir: 'memory://' })], 'PGlite');
