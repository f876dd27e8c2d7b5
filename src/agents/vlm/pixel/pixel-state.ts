import { z } from 'zod';
import { InputError } from '../../../errors/index.js';
import { frameJsonSchema, frameToJson } from '../../../frame/frame-json.js';
import type { VideoFrame } from '../../../frame/video-frame.js';

/** What the pixel verifier carries from one call to the next. */
export interface PixelState {
  /** Recent sampled frames (the background is their median). */
  history: VideoFrame[];
  /** The clean plate last estimated, if any. */
  background: VideoFrame | undefined;
  /** Calls that detected figures (the plate is refreshed every few). */
  calls: number;
}

const pixelStateSchema = z.object({
  format: z.literal('iamflow-pixel-verifier-state'),
  version: z.literal(1),
  history: z.array(frameJsonSchema),
  background: frameJsonSchema.nullable(),
  calls: z.number().int().nonnegative(),
});

/** The pixel verifier's state as JSON (frames base64). */
export function snapshotPixelState(state: PixelState) {
  return {
    format: 'iamflow-pixel-verifier-state' as const,
    version: 1 as const,
    history: state.history.map(frameToJson),
    background: state.background ? frameToJson(state.background) : null,
    calls: state.calls,
  };
}

/** Reads `snapshotPixelState` back; an InputError names the first damaged field. */
export function restorePixelState(value: unknown): PixelState {
  const parsed = pixelStateSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        code: 'invalid-verifier-state',
        path: ['verifier', ...issue.path.map(String)],
        message: issue.message,
      })),
    );
  }
  const { history, background, calls } = parsed.data;
  return { history, background: background ?? undefined, calls };
}
