export { describe, runImportCli, USAGE, type ImportCliIo } from './cli.js';
export { createProgressLine, formatRows } from './progress-line.js';
