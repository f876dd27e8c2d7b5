import { IamflowError, type IamflowErrorOptions } from './iamflow-error.js';

const name = 'EvalFeatureError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** A model-based evaluation feature set (`--features human`) could not load its library or models. */
export class EvalFeatureError extends IamflowError {
  readonly [symbol] = true;

  constructor(options: Omit<IamflowErrorOptions, 'name'>) {
    super({ ...options, name });
  }

  static override isInstance(error: unknown): error is EvalFeatureError {
    return IamflowError.hasMarker(error, marker);
  }
}
