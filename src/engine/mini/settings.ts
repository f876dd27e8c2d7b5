import { InputError, type Issue } from '../../errors/index.js';
import { reference } from '../../reference/index.js';
import type { Quantization } from './quantize.js';

/** Settings of {@link createMiniEngine}; every field is optional and defaults to DESIGN.md's reference. */
export interface MiniEngineSettings {
  /** Seed of all noise (fresh looks, denoising noise). Default 0. */
  seed?: number;
  /** Decoded frame width in pixels. Default 480. */
  width?: number;
  /** Decoded frame height in pixels. Default 270. */
  height?: number;
  /** Output frames per second. Default 16. */
  fps?: number;
  /** Video frames decoded per latent frame. Default 4. */
  videoFramesPerLatent?: number;
  /** Latent frames per chunk. Default 3. */
  chunkFrames?: number;
  /** Sink latent frames (the first chunk). Default 3. */
  sinkFrames?: number;
  /** Rolling local latent frames including the current chunk. Default 9. */
  localFrames?: number;
  /** Bank slots for injected memory frames. Default 6. */
  bankCapacity?: number;
  /**
   * Number of denoising steps, evenly spaced from 1000 down (4 gives [1000, 750, 500, 250]). Fewer steps are
   * faster and noisier. Default 4. Ignored when `denoisingSteps` is given.
   */
  steps?: number;
  /** Denoising timesteps, highest first, each in (0, 1000]. Default: `steps` evenly spaced timesteps. */
  denoisingSteps?: readonly number[];
  /** Timestep shift: sigma = shift * t / (1 + (shift - 1) * t) with t = step / 1000. Default 5. */
  timestepShift?: number;
  /**
   * Number format of the engine's weights (one scale per output channel) and of stored frames' keys/values (one
   * scale per vector): `none` (float32), `int8` or `fp8` (e4m3). Default `none`.
   */
  quantization?: Quantization;
  /** Number format of the weights alone, when it should differ from `quantization` (to measure each part). */
  weightQuantization?: Quantization;
  /**
   * Latent frames the engine keeps after generating them (for `storeFrame`, `decodeChunk` and `renderRecord`), the
   * newest ones; older frames are dropped, except the sink. At least the local window and the recache window are
   * always kept. Default 256: 64 s of video at the reference 16 fps and 4 video frames per latent frame, so a
   * 60 s run keeps every frame and only longer runs forget (policies store frames a few chunks old at most).
   */
  retainFrames?: number;
}

/** DESIGN.md's reference parameters. */
export const miniEngineDefaults = {
  seed: 0,
  width: 480,
  height: 270,
  fps: reference.video.fps,
  videoFramesPerLatent: reference.video.videoFramesPerLatent,
  chunkFrames: reference.video.chunkFrames,
  sinkFrames: reference.context.sinkFrames,
  localFrames: reference.context.localFrames,
  bankCapacity: reference.context.bankCapacity,
  denoisingSteps: reference.denoising.steps,
  timestepShift: reference.denoising.timestepShift,
  quantization: 'none' as Quantization,
  weightQuantization: undefined as Quantization | undefined,
  retainFrames: 256,
};

/** Settings with every default filled in. */
export type ResolvedMiniSettings = typeof miniEngineDefaults;

/** Fills defaults and checks ranges; throws an InputError listing every bad field. */
export function resolveMiniSettings(settings: MiniEngineSettings = {}): ResolvedMiniSettings {
  const { steps: stepCount, ...rest } = settings;
  const issues: Issue[] = [];
  if (stepCount !== undefined && !(Number.isInteger(stepCount) && stepCount >= 1 && stepCount <= 1000)) {
    issues.push({
      code: 'invalid-engine-setting',
      path: ['engine', 'steps'],
      message: `steps must be an integer from 1 to 1000, got ${stepCount}`,
    });
  }
  const evenSteps =
    stepCount === undefined || issues.length > 0 ? {} : { denoisingSteps: evenTimesteps(stepCount) };
  const resolved = { ...miniEngineDefaults, ...evenSteps, ...stripUndefined(rest) };
  const integer = (field: keyof ResolvedMiniSettings, minimum: number, maximum: number) => {
    const value = resolved[field] as number;
    if (!Number.isInteger(value) || value < minimum || value > maximum) {
      issues.push({
        code: 'invalid-engine-setting',
        path: ['engine', field],
        message: `${field} must be an integer from ${minimum} to ${maximum}, got ${value}`,
      });
    }
  };
  integer('seed', -(2 ** 31), 2 ** 32 - 1);
  integer('width', 16, 4096);
  integer('height', 16, 4096);
  integer('fps', 1, 120);
  integer('videoFramesPerLatent', 1, 16);
  integer('chunkFrames', 1, 16);
  integer('sinkFrames', 0, 64);
  integer('localFrames', resolved.chunkFrames, 256);
  integer('bankCapacity', 0, 64);
  integer('retainFrames', 1, 2 ** 30);
  const steps = resolved.denoisingSteps;
  if (
    steps.length === 0 ||
    steps.some((step, index) => !(step > 0 && step <= 1000) || (index > 0 && step >= steps[index - 1]!))
  ) {
    issues.push({
      code: 'invalid-engine-setting',
      path: ['engine', 'denoisingSteps'],
      message: 'denoisingSteps must be a non-empty, strictly decreasing list of timesteps in (0, 1000]',
      hint: 'use the reference [1000, 750, 500, 250]',
    });
  }
  if (!(resolved.timestepShift > 0)) {
    issues.push({
      code: 'invalid-engine-setting',
      path: ['engine', 'timestepShift'],
      message: 'timestepShift must be positive',
    });
  }
  for (const field of ['quantization', 'weightQuantization'] as const) {
    const value = resolved[field];
    if (value === undefined && field === 'weightQuantization') continue;
    if (!['none', 'int8', 'fp8'].includes(value as string)) {
      issues.push({
        code: 'invalid-engine-setting',
        path: ['engine', field],
        message: `${field} must be none, int8 or fp8, got ${String(value)}`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return resolved;
}

/** `count` timesteps evenly spaced from 1000 down: 1000 * (count - k) / count for k = 0 .. count - 1. */
export function evenTimesteps(count: number): number[] {
  return Array.from({ length: count }, (_, index) => (1000 * (count - index)) / count);
}

/** Noise level of each step after the timestep shift, in (0, 1]. */
export function shiftedSigmas(steps: readonly number[], shift: number): number[] {
  return steps.map((step) => {
    const t = step / 1000;
    return (shift * t) / (1 + (shift - 1) * t);
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
