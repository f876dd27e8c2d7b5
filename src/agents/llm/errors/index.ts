export { ApiCallError, isRetryableStatus } from '../../../errors/api-call-error.js';
export { InvalidResponseError } from './invalid-response-error.js';
