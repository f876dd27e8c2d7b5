export { reference } from './reference-parameters.js';
