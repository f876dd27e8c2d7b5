import { IamflowError } from './iamflow-error.js';

const name = 'InvalidResponseError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** A model endpoint answered, but not with what we asked for: no JSON, or JSON without the needed fields. */
export class InvalidResponseError extends IamflowError {
  readonly [symbol] = true;
  /** The reply text (truncated to 2,000 characters). */
  readonly text: string;

  constructor(options: { message: string; text: string; cause?: unknown }) {
    super({
      name,
      message: options.message,
      cause: options.cause,
      issues: [{ code: 'invalid-model-response', path: ['response'], message: options.message }],
    });
    this.text = options.text.slice(0, 2000);
  }

  static override isInstance(error: unknown): error is InvalidResponseError {
    return IamflowError.hasMarker(error, marker);
  }
}
