export {
  TOY_COUNTED,
  TOY_IGNORED,
  appendToyEvents,
  readToyApplications,
  readToyCounts,
  readToyRows,
  toyProjection,
  type ToyProjectionOptions,
} from './toy-projection.js';
