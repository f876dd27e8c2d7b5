import { stat } from 'node:fs/promises';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import { captureFfmpeg } from './run-ffmpeg.js';
import { ffmpegReason, stripContext, videoError } from './video-error.js';

/** Metadata of a video file's first video stream. */
export interface VideoInfo {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Frames per second (the stream's `fps`, else its `tbr`). */
  fps: number;
  /** Container duration in seconds, when known. */
  seconds?: number;
  /** `round(seconds * fps)`: an estimate, because counting exactly needs a full decode. */
  estimatedFrames?: number;
  /** Codec name, e.g. `h264`. */
  codec: string;
}

/**
 * Reads a video's size, frame rate and duration from `ffmpeg -i` (no ffprobe needed). Throws an IamflowError
 * with code `video-unreadable` naming the file when it is missing or not a readable video.
 *
 * @example
 * const { width, height, fps } = await probeVideo('video/sample_0.mp4');
 */
export async function probeVideo(path: string, options: { ffmpegPath?: string } = {}): Promise<VideoInfo> {
  await checkFile(path);
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpeg(process.env);
  const result = await captureFfmpeg(ffmpegPath, ['-hide_banner', '-nostdin', '-i', path]);
  if (result.error)
    throw videoError('video-unreadable', path, `ffmpeg could not start: ${result.error.message}`, {
      cause: result.error,
    });
  const info = parseFfmpegInfo(result.stderr);
  if (!info) {
    const reason = probeFailureReason(result.stderr);
    throw videoError('video-unreadable', path, `is not a readable video (${reason})`, {
      hint: 'the file may be truncated or not a video: encode it again',
    });
  }
  return info;
}

/**
 * Parses the `Input #0` block that `ffmpeg -i` prints to stderr. Pure; undefined when there is no video stream.
 *
 * @example
 * parseFfmpegInfo('  Stream #0:0: Video: h264 (High), yuv420p, 480x270, 16 fps, 16 tbr')?.fps // 16
 */
export function parseFfmpegInfo(stderr: string): VideoInfo | undefined {
  const stream = /Stream #\d+:\d+.*?: Video: (.*)/.exec(stderr)?.[1];
  if (!stream) return undefined;
  const size = /(?:^|[\s,])(\d{1,5})x(\d{1,5})(?=[\s,[]|$)/.exec(stream);
  const rate = /([\d.]+)(k?) fps/.exec(stream) ?? /([\d.]+)(k?) tbr/.exec(stream);
  if (!size || !rate) return undefined;
  const fps = Number(rate[1]) * (rate[2] === 'k' ? 1000 : 1);
  const info: VideoInfo = {
    width: Number(size[1]),
    height: Number(size[2]),
    fps,
    codec: /^(\w+)/.exec(stream)?.[1] ?? 'unknown',
  };
  const duration = /Duration: (\d+):(\d+):([\d.]+)/.exec(stderr);
  if (duration) {
    info.seconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
    info.estimatedFrames = Math.round(info.seconds * fps);
  }
  return info;
}

/** The line of `ffmpeg -i` output that says why there is no video, else a summary. */
function probeFailureReason(stderr: string): string {
  const stated = /^.*(Invalid data|moov atom not found|could not find|error|No such file).*$/im.exec(
    stderr,
  )?.[0];
  if (stated) return stripContext(stated);
  if (/Stream #\d+:\d+/.test(stderr)) return 'it holds no video stream';
  return ffmpegReason(stderr.replace(/At least one output file must be specified/, ''));
}

/** Throws `video-unreadable` for a missing path or a directory. */
export async function checkFile(path: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw videoError(
      'video-unreadable',
      path,
      error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code})`,
      {
        hint: 'check the path',
        cause: error,
      },
    );
  });
  if (!info.isFile())
    throw videoError('video-unreadable', path, 'is not a file', { hint: 'pass the path of an .mp4 file' });
}
