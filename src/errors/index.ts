export { ApiCallError, isRetryableStatus } from './api-call-error.js';
export { formatError } from './format-error.js';
export { IamflowError, type Issue } from './iamflow-error.js';
export { InputError } from './input-error.js';
