import t from 'tap';
import { unitWithinScope } from './unit-scope.js';

// division DIV → unit DNGF → department CONT; and a separate unit DSP.
const units = {
  DIV: { parentCode: null },
  DNGF: { parentCode: 'DIV' },
  CONT: { parentCode: 'DNGF' },
  DSP: { parentCode: null },
};

t.test('a unit is within the scope of itself and of every unit above it', async (t) => {
  t.ok(unitWithinScope(['DNGF'], 'DNGF', units));
  t.ok(unitWithinScope(['DNGF'], 'CONT', units), 'a department of the unit');
  t.ok(unitWithinScope(['DIV'], 'CONT', units), 'two levels down');
  t.ok(unitWithinScope(['DSP', 'DIV'], 'DNGF', units), 'any of several assigned units');
});

t.test('a unit is outside the scope of its descendants, its siblings and unknown units', async (t) => {
  t.notOk(unitWithinScope(['CONT'], 'DNGF', units), 'not upwards');
  t.notOk(unitWithinScope(['DSP'], 'CONT', units), 'not another branch');
  t.notOk(unitWithinScope(['DNGF'], 'NOPE', units), 'a unit the plan does not define');
  t.notOk(unitWithinScope([], 'DNGF', units), 'no assigned unit, no scope');
});

t.test('a cycle in the hierarchy ends the walk instead of looping', async (t) => {
  const cyclic = { A: { parentCode: 'B' }, B: { parentCode: 'A' } };
  t.notOk(unitWithinScope(['C'], 'A', cyclic));
});
