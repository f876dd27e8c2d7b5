import { IamflowError, type IamflowErrorOptions } from './iamflow-error.js';

const name = 'EngineError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** An engine call the caller got wrong (unknown frame or id, bank overflow, use after release). Exit code 1. */
export class EngineError extends IamflowError {
  readonly [symbol] = true;

  constructor(options: Omit<IamflowErrorOptions, 'name'>) {
    super({ ...options, name });
  }

  static override isInstance(error: unknown): error is EngineError {
    return IamflowError.hasMarker(error, marker);
  }
}
