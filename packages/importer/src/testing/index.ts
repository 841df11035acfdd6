export { INDICATORS, PLANNER, RESULTS, TARGETS, UNITS, csv, givenAnOpenPlan, importFile, planEvents, portsOf, workbook } from './import-fixtures.js';
