import t from 'tap';
import { negotiateProblemLanguage, problemTitle } from './problem-language.js';

t.test('Spanish unless the client prefers English', async (t) => {
  t.equal(negotiateProblemLanguage(undefined), 'es', 'nothing said: Spanish, the language of the institutions served');
  t.equal(negotiateProblemLanguage('*'), 'es');
  t.equal(negotiateProblemLanguage('es'), 'es');
  t.equal(negotiateProblemLanguage('es-SV,es;q=0.9,en;q=0.8'), 'es');
  t.equal(negotiateProblemLanguage('en-US,en;q=0.9,es;q=0.8'), 'en');
  t.equal(negotiateProblemLanguage('fr, es;q=0.5'), 'es', 'the best language we speak wins');
  t.equal(negotiateProblemLanguage('es;q=0, en'), 'en', 'q=0 means "not this one"');
  t.equal(negotiateProblemLanguage('fr, de'), 'es', 'none we speak: Spanish');
  t.equal(negotiateProblemLanguage('en'), 'en');
});

t.test('titles by code, then by status', async (t) => {
  t.equal(problemTitle('VALIDATION_FAILED', 400, 'es'), 'La solicitud tiene campos no válidos');
  t.equal(problemTitle('PLAN_NOT_FOUND', 404, 'en'), 'Not found', 'a code this package has no entry for');
  t.equal(problemTitle('PLAN_NOT_FOUND', 404, 'es'), 'No encontrado');
  t.equal(problemTitle('SOMETHING', 418, 'en'), 'Error');
});
