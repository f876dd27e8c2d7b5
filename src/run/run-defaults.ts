import { defaultPolicyName } from '../memory/policy-registry.js';
import { timelineDefaults } from '../script/timeline.js';

/**
 * Run-level defaults shared by `iamflow generate`, `iamflow bench`, bench/speed.ts and the library's `runScript`.
 * The reference values (fps, seconds per prompt, chunk) are read from where the timeline keeps them.
 */
export const runDefaults = {
  /** Memory policy. */
  policy: defaultPolicyName,
  /** Engine seed; the policy's random choices derive from it too. */
  seed: 1,
  /** Decoded frame width in pixels. */
  width: 480,
  /** Decoded frame height in pixels. */
  height: 270,
  /** Denoising steps of the engine (reference 4: timesteps 1000, 750, 500, 250). */
  steps: 4,
  /** Video frames per second of a script given as segments. */
  fps: timelineDefaults.fps,
  /** Seconds of a segment that does not say. */
  secondsPerPrompt: timelineDefaults.secondsPerPrompt,
} as const;

/**
 * The timesteps of `steps` evenly spaced denoising steps from 1000 down, highest first.
 *
 * @example
 * denoisingTimesteps(4) // [1000, 750, 500, 250]
 */
export function denoisingTimesteps(steps: number): number[] {
  return Array.from({ length: steps }, (_, index) => Math.round((1000 * (steps - index)) / steps));
}
