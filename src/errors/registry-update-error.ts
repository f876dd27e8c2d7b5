import { IamflowError, type IamflowErrorOptions } from './iamflow-error.js';

const name = 'RegistryUpdateError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** An update to the entity registry names an entity that does not exist. */
export class RegistryUpdateError extends IamflowError {
  readonly [symbol] = true;

  constructor(options: Omit<IamflowErrorOptions, 'name'>) {
    super({ ...options, name });
  }

  static override isInstance(error: unknown): error is RegistryUpdateError {
    return IamflowError.hasMarker(error, marker);
  }
}
