import { IamflowError } from '../../../errors/iamflow-error.js';

/** A model endpoint answered, but not with what we asked for: no JSON, or JSON without the needed fields. */
export class InvalidResponseError extends IamflowError {
  /** The reply text (truncated to 2,000 characters). */
  readonly text: string;

  constructor(options: { message: string; text: string; cause?: unknown }) {
    super({
      name: 'InvalidResponseError',
      message: options.message,
      cause: options.cause,
      issues: [{ code: 'invalid-model-response', path: ['response'], message: options.message }],
    });
    this.text = options.text.slice(0, 2000);
  }
}
