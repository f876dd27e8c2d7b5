import { VideoError } from '../errors/video-error.js';

/** An RGB video frame. */
export interface VideoFrame {
  width: number;
  height: number;
  /** Packed RGB, 3 bytes per pixel, row-major, `width * height * 3` bytes. */
  data: Uint8Array;
}

/**
 * Throws a located error when a frame's bytes do not match its size (rgb24 needs `width * height * 3` bytes).
 *
 * @example
 * checkFrameSize({ width: 2, height: 1, data: new Uint8Array(6) }, 'out/keyframe.png'); // passes
 */
export function checkFrameSize(frame: VideoFrame, where: string): void {
  const { width, height, data } = frame;
  if (width > 0 && height > 0 && data.length === width * height * 3) return;
  const message = `a ${width}x${height} rgb24 frame needs ${width * height * 3} bytes, not ${data.length}`;
  throw new VideoError({
    message: `${where}: ${message}`,
    issues: [{ code: 'frame-size-mismatch', path: [where], message }],
    exitCode: 1,
  });
}
