import type { VideoFrame } from '../frame/video-frame.js';
import { checkFile, probeVideo } from './probe-video.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { ffmpegReason, videoError } from './video-error.js';

/** Options of `decodeMp4` and `readMp4Frames`. */
export interface DecodeMp4Options {
  /** Scale frames to this width; with only one of width/height the other keeps the aspect ratio. */
  width?: number;
  /** Scale frames to this height. */
  height?: number;
  /** ffmpeg binary; `resolveFfmpeg(process.env)` when omitted. */
  ffmpegPath?: string;
  /**
   * Keep the frames that decode when ffmpeg reports damage (a truncated or corrupt stream). Default false: the
   * read ends with a `video-unreadable` error after the last good frame.
   */
  allowPartial?: boolean;
}

/** A decoded video. */
export interface DecodedVideo {
  /** Frame width in pixels (after scaling). */
  width: number;
  /** Frame height in pixels (after scaling). */
  height: number;
  /** Frames per second of the source. */
  fps: number;
  /** Every frame, packed rgb24. */
  frames: VideoFrame[];
}

/**
 * Decodes a whole video to rgb24 frames. Holds every frame in memory (960 frames of 480x270 = 373 MB); use
 * `readMp4Frames` to stream.
 *
 * @example
 * const { fps, frames } = await decodeMp4('video/sample_0.mp4', { width: 256, height: 256 });
 */
export async function decodeMp4(path: string, options: DecodeMp4Options = {}): Promise<DecodedVideo> {
  const stream = await readMp4Frames(path, options);
  const frames: VideoFrame[] = [];
  for await (const frame of stream.frames) frames.push(frame);
  return { width: stream.width, height: stream.height, fps: stream.fps, frames };
}

/**
 * Starts decoding and returns the geometry with an async iterable of frames, one at a time. Breaking out of the
 * loop stops ffmpeg.
 *
 * @example
 * const video = await readMp4Frames('run.mp4');
 * for await (const frame of video.frames) inspect(frame);
 */
export async function readMp4Frames(
  path: string,
  options: DecodeMp4Options = {},
): Promise<Omit<DecodedVideo, 'frames'> & { frames: AsyncIterable<VideoFrame> }> {
  await checkFile(path);
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpeg(process.env);
  const info = await probeVideo(path, { ffmpegPath });
  const { width, height } = targetSize(info, options, path);
  const scale = width !== info.width || height !== info.height ? ['-vf', `scale=${width}:${height}`] : [];
  const args = [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', path, ...scale],
    ...['-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
  ];
  const expected = {
    width,
    height,
    frames: info.estimatedFrames,
    allowPartial: options.allowPartial ?? false,
  };
  return { width, height, fps: info.fps, frames: iterateFrames(ffmpegPath, args, path, expected) };
}

async function* iterateFrames(
  ffmpegPath: string,
  args: string[],
  path: string,
  expected: { width: number; height: number; frames: number | undefined; allowPartial: boolean },
): AsyncGenerator<VideoFrame> {
  const { width, height } = expected;
  let count = 0;
  const ffmpeg = runFfmpeg(ffmpegPath, args);
  ffmpeg.child.stdin.end();
  const frameBytes = width * height * 3;
  let current = new Uint8Array(frameBytes);
  let filled = 0;
  let finished = false;
  try {
    for await (const chunk of ffmpeg.child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        current.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          count++;
          yield { width, height, data: current };
          current = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const result = await ffmpeg.exited;
    finished = true;
    if (result.error) {
      throw videoError('video-unreadable', path, `ffmpeg could not start: ${result.error.message}`, {
        cause: result.error,
      });
    }
    // At loglevel error every stderr line reports damage; ffmpeg exits 0 for a stream cut in the middle.
    const damage = ffmpeg.stderr().trim();
    if ((result.code !== 0 || damage) && !(expected.allowPartial && count > 0)) {
      const about = expected.frames === undefined ? '' : ` of about ${expected.frames}`;
      throw videoError(
        'video-unreadable',
        path,
        `is damaged: decoded ${count}${about} frames (${ffmpegReason(damage.replaceAll(`${path}: `, ''))})`,
        {
          hint: 'the file is probably truncated: encode it again, or pass allowPartial to keep the good frames',
        },
      );
    }
  } finally {
    if (!finished) ffmpeg.child.kill('SIGKILL');
  }
}

function targetSize(info: { width: number; height: number }, options: DecodeMp4Options, path: string) {
  for (const key of ['width', 'height'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value > 0 && value <= 16384)) {
      throw videoError(
        'invalid-video-options',
        path,
        `${key} must be a whole number from 1 to 16384, not ${value}`,
      );
    }
  }
  const width =
    options.width ??
    (options.height ? Math.max(1, Math.round((info.width * options.height) / info.height)) : info.width);
  const height =
    options.height ??
    (options.width ? Math.max(1, Math.round((info.height * options.width) / info.width)) : info.height);
  return { width, height };
}
