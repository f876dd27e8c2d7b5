import type { VerifyInput } from './frame-verifier.js';
import { sampleFrames } from './sample-frames.js';

/** How a chunk's decoded frames become the verifier's sampled frames (`sampleFrames`). */
export interface FrameSampling {
  /** Video frames of the chunk to look at (reference: 0, 4, 8). */
  indices: readonly number[];
  /** Side of the square the frames are fitted into, in pixels (reference: 256). */
  size: number;
  /** `squash` to size x size (reference; the input then records `sourceAspect`) or `keep-aspect`. */
  fit: 'squash' | 'keep-aspect';
}

/**
 * One chunk's verification as queued: a verifier input whose `frames` are the chunk's decoded frames when
 * `sample` is set (sampled where the verification runs, off the generation thread when that is a worker), or
 * already the sampled frames when it is not.
 */
export type VerifyJob = VerifyInput & { sample?: FrameSampling };

/** The verifier's input of a job: the frames sampled and resized, `sourceAspect` set when squashed. */
export function prepareVerifyInput(job: VerifyJob): VerifyInput {
  const { sample, ...input } = job;
  if (sample === undefined) return input;
  const first = input.frames[0];
  const prepared: VerifyInput = {
    ...input,
    frames: sampleFrames(input.frames, sample.indices, sample.size, sample.fit),
  };
  if (sample.fit === 'squash' && first) prepared.sourceAspect = first.width / first.height;
  return prepared;
}
