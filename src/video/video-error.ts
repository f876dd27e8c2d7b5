import { VideoError } from '../errors/video-error.js';

/** Codes of the video errors, stable for callers and tests. */
export type VideoErrorCode =
  | 'ffmpeg-missing'
  | 'video-unreadable'
  | 'video-encode-failed'
  | 'invalid-video-options'
  | 'frame-size-mismatch'
  | 'encoder-closed';

/**
 * A VideoError about a video file or ffmpeg, with one issue whose path is the file.
 *
 * @example
 * throw videoError('video-unreadable', 'out.mp4', 'moov atom not found', 'the file is truncated: encode it again');
 */
export function videoError(
  code: VideoErrorCode,
  path: string,
  message: string,
  options: { hint?: string; cause?: unknown; exitCode?: number } = {},
): VideoError {
  return new VideoError({
    message: `${path}: ${message}`,
    issues: [{ code, path: [path], message, ...(options.hint ? { hint: options.hint } : {}) }],
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    exitCode: options.exitCode ?? 1,
  });
}

/** The last lines of ffmpeg's stderr that say what went wrong (progress and banner lines dropped). */
export function ffmpegReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter(
      (line) =>
        line.length > 0 &&
        !/^(frame=|size=|video:|encoded|\[libx264 @ [^\]]+\] (frame|mb|kb|ref|coded|8x8|i16|i4|i8|Weighted|consecutive|final|transform|profile|using))/.test(
          line,
        ),
    );
  return stripContext(lines.slice(-3).join('; ')) || 'ffmpeg failed without a message';
}

/** Drops ffmpeg's `[demuxer @ 0x55d0c8]` prefixes: the addresses change every run and mean nothing to users. */
export function stripContext(line: string): string {
  return line.replace(/\[[^\]]+ @ 0x[0-9a-f]+\] ?/g, '').trim();
}
