import { IamflowError, type IamflowErrorOptions } from './iamflow-error.js';

const name = 'JudgeError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** The evaluation judge could not score a video: a request failed or a reply held no score. */
export class JudgeError extends IamflowError {
  readonly [symbol] = true;

  constructor(options: Omit<IamflowErrorOptions, 'name'>) {
    super({ ...options, name });
  }

  static override isInstance(error: unknown): error is JudgeError {
    return IamflowError.hasMarker(error, marker);
  }
}
