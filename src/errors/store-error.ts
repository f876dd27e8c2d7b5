import { IamflowError, type IamflowErrorOptions } from './iamflow-error.js';

const name = 'StoreError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** The results store cannot be used: its schema is newer than this iamflow knows. */
export class StoreError extends IamflowError {
  readonly [symbol] = true;

  constructor(options: Omit<IamflowErrorOptions, 'name'>) {
    super({ ...options, name });
  }

  static override isInstance(error: unknown): error is StoreError {
    return IamflowError.hasMarker(error, marker);
  }
}
