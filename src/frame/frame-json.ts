import { z } from 'zod';
import type { VideoFrame } from './video-frame.js';

/** A video frame as JSON: its size and its rgb24 bytes in base64. */
export const frameJsonSchema = z
  .object({ width: z.number().int().positive(), height: z.number().int().positive(), rgb: z.string() })
  .transform((value, context): VideoFrame => {
    const data = new Uint8Array(Buffer.from(value.rgb, 'base64'));
    if (data.length !== value.width * value.height * 3) {
      context.addIssue({
        code: 'custom',
        path: ['rgb'],
        message: `a ${value.width}x${value.height} frame needs ${value.width * value.height * 3} bytes, got ${data.length}`,
      });
      return z.NEVER;
    }
    return { width: value.width, height: value.height, data };
  });

/** The JSON form of a frame (read back with `frameJsonSchema`). */
export type FrameJson = z.input<typeof frameJsonSchema>;

/**
 * Encodes a frame for a JSON file (checkpoints): exact bytes, base64.
 *
 * @example
 * frameJsonSchema.parse(frameToJson(frame)) // an equal frame
 */
export function frameToJson(frame: VideoFrame): FrameJson {
  const { width, height, data } = frame;
  return {
    width,
    height,
    rgb: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
  };
}
