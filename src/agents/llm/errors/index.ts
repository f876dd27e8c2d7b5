export { ApiCallError, isRetryableStatus } from './api-call-error.js';
export { InvalidResponseError } from './invalid-response-error.js';
