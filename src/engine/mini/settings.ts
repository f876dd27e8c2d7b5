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
  /** Denoising timesteps, highest first, each in (0, 1000]. Default [1000, 750, 500, 250]. */
  denoisingSteps?: readonly number[];
  /** Timestep shift: sigma = shift * t / (1 + (shift - 1) * t) with t = step / 1000. Default 5. */
  timestepShift?: number;
  /** How stored frames' vectors are kept: `none` (float32), `int8` or `fp8` (e4m3). Default `none`. */
  quantization?: Quantization;
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
};

/** Settings with every default filled in. */
export type ResolvedMiniSettings = typeof miniEngineDefaults;

/** Fills defaults and checks ranges; throws an InputError listing every bad field. */
export function resolveMiniSettings(settings: MiniEngineSettings = {}): ResolvedMiniSettings {
  const resolved = { ...miniEngineDefaults, ...stripUndefined(settings) };
  const issues: Issue[] = [];
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
  if (!['none', 'int8', 'fp8'].includes(resolved.quantization)) {
    issues.push({
      code: 'invalid-engine-setting',
      path: ['engine', 'quantization'],
      message: `quantization must be none, int8 or fp8, got ${String(resolved.quantization)}`,
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return resolved;
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
