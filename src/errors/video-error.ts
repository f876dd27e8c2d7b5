import { IamflowError, type IamflowErrorOptions } from './iamflow-error.js';

const name = 'VideoError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** A video file or ffmpeg failed: no binary, an unreadable file, an encode that failed, a frame of the wrong size. */
export class VideoError extends IamflowError {
  readonly [symbol] = true;

  constructor(options: Omit<IamflowErrorOptions, 'name'>) {
    super({ ...options, name });
  }

  static override isInstance(error: unknown): error is VideoError {
    return IamflowError.hasMarker(error, marker);
  }
}
