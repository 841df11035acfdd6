import t from 'tap';
import { datasetLine } from './dataset-command.js';
import { decideDataset } from './decide-dataset.js';
import { generateDataset } from './generate-dataset.js';

const lines = (seed: number) => [...generateDataset({ seed, institutions: 2, years: 1, indicatorsPerInstitution: 40 })].map(datasetLine);

t.test('given the same seed, the generator writes the same commands, byte for byte', async (t) => {
  const first = lines(42);
  t.ok(first.length > 1_000, `a year of two 40-indicator plans is ${first.length} commands`);
  t.same(lines(42), first);
  t.not(lines(43).join('\n'), first.join('\n'), 'another seed, another dataset');
});

t.test('given a generated year, every command is accepted by the pure deciders and decides exactly one event', async (t) => {
  const commands = [...generateDataset({ seed: 7, institutions: 2, years: 2, indicatorsPerInstitution: 60 })];
  const events = [...decideDataset(commands)];
  t.equal(events.length, commands.length, 'no command was refused or found nothing to change');
  const types = new Set(events.map((e) => e.event.type));
  for (const type of ['PlanOpened', 'UnitDefined', 'IndicatorRegistered', 'TargetSet', 'ResultReported', 'JustificationAdded']) {
    t.ok(types.has(type), `the dataset holds ${type}`);
  }
  t.ok(
    events.some((e) => e.event.type === 'TargetRevised' || e.event.type === 'ResultCorrected'),
    'and revisions or corrections, with their reasons',
  );
  const recordedAt = commands.map((c) => c.metadata.recordedAt);
  t.same(recordedAt, [...recordedAt].sort(), 'commands come in time order');
});
