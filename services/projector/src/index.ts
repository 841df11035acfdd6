export { allProjections } from './projections.js';
