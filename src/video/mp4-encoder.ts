import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { VideoFrame } from '../frame/video-frame.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import { type FfmpegExit, runFfmpeg } from './run-ffmpeg.js';
import { ffmpegReason, videoError } from './video-error.js';

/** Options of `createMp4Encoder`. */
export interface Mp4EncoderOptions {
  /** Output file. Written as `<path>.part` and renamed on a successful `close()`. */
  path: string;
  /** Frame width in pixels. Odd sizes are padded by one black column on the right. */
  width: number;
  /** Frame height in pixels. Odd sizes are padded by one black row at the bottom. */
  height: number;
  /** Frames per second (reference: 16). */
  fps: number;
  /** ffmpeg binary; `resolveFfmpeg(process.env)` when omitted. */
  ffmpegPath?: string;
  /** x264 constant rate factor, 0 (lossless) to 51. Default 20. */
  crf?: number;
  /** x264 preset. Default `veryfast`. */
  preset?: string;
  /**
   * x264 threads. Default 1: with more, x264's output varies from encode to encode of the same frames (14 of 4,000
   * encodes of one 40-frame segment differed, `scripts/encoder-determinism.ts`), and a resumed run, which encodes
   * its open segment again, would no longer be byte-identical. 0 lets ffmpeg choose (faster on many cores).
   */
  threads?: number;
}

/** A streaming H.264 MP4 writer. */
export interface Mp4Encoder {
  /** Sends one frame; waits when ffmpeg's pipe is full. The frame is copied, so it may be reused at once. */
  write(frame: VideoFrame): Promise<void>;
  /** Finishes the file; resolves with what was written. */
  close(): Promise<Mp4EncodeResult>;
  /** Stops ffmpeg and deletes the partial file. Safe to call more than once. */
  abort(): Promise<void>;
}

/** What `close()` reports. */
export interface Mp4EncodeResult {
  /** Frames written. */
  frames: number;
  /** Size of the MP4 file in bytes. */
  bytes: number;
  /** Encoded width (the input width rounded up to even). */
  width: number;
  /** Encoded height (the input height rounded up to even). */
  height: number;
}

/**
 * Starts ffmpeg (libx264, yuv420p, faststart) reading packed rgb24 frames from a pipe.
 *
 * @example
 * const encoder = createMp4Encoder({ path: 'out/run.mp4', width: 480, height: 270, fps: 16 });
 * for (const frame of frames) await encoder.write(frame);
 * const { frames: written, bytes } = await encoder.close();
 */
export function createMp4Encoder(options: Mp4EncoderOptions): Mp4Encoder {
  const { path, width, height, fps } = options;
  checkOptions(options);
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpeg(process.env);
  const partial = `${path}.part`;
  const even = { width: width + (width % 2), height: height + (height % 2) };
  const pad =
    even.width !== width || even.height !== height ? ['-vf', `pad=${even.width}:${even.height}:0:0`] : [];
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw videoError('video-encode-failed', path, `cannot create the folder ${dirname(path)}`, {
      hint: 'choose an output path in a writable folder',
      cause: error,
    });
  }
  const ffmpeg = runFfmpeg(ffmpegPath, [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24'],
    ...['-s', `${width}x${height}`, '-r', String(fps), '-i', '-', ...pad],
    ...['-c:v', 'libx264', '-threads', String(options.threads ?? 1), '-pix_fmt', 'yuv420p'],
    ...['-movflags', '+faststart'],
    ...[
      '-preset',
      options.preset ?? 'veryfast',
      '-crf',
      String(options.crf ?? 20),
      '-f',
      'mp4',
      '-y',
      partial,
    ],
  ]);
  let frames = 0;
  let state: 'open' | 'closing' | 'closed' | 'aborted' = 'open';
  let exit: FfmpegExit | undefined;
  void ffmpeg.exited.then((result) => {
    exit = result;
  });
  const failure = () =>
    videoError(
      'video-encode-failed',
      path,
      exit?.error
        ? `ffmpeg could not start: ${exit.error.message}`
        : exit?.signal
          ? `ffmpeg was stopped by ${exit.signal} while encoding`
          : ffmpegReason(ffmpeg.stderr()),
      {
        hint: exit?.error
          ? 'check FFMPEG_PATH or the @ffmpeg-installer/ffmpeg install'
          : exit?.signal
            ? 'something outside iamflow killed the encoder (out of memory? a process manager?); rerun'
            : 'check that the folder is writable and the disk has space',
        ...(exit?.error ? { cause: exit.error } : {}),
      },
    );

  return {
    async write(frame) {
      if (state !== 'open')
        throw videoError(
          'encoder-closed',
          path,
          `cannot write after the encoder was ${state === 'aborted' ? 'aborted' : 'closed'}`,
        );
      if (frame.width !== width || frame.height !== height || frame.data.length !== width * height * 3) {
        throw videoError(
          'frame-size-mismatch',
          path,
          `frame ${frames} is ${frame.width}x${frame.height} with ${frame.data.length} bytes; the encoder expects ${width}x${height} rgb24 (${width * height * 3} bytes)`,
        );
      }
      if (exit) throw failure();
      frames++;
      if (!ffmpeg.child.stdin.write(Buffer.from(frame.data))) {
        // Backpressure: wait for the pipe to drain; a broken pipe or an exit means ffmpeg failed.
        const drained = await Promise.race([
          once(ffmpeg.child.stdin, 'drain').then(
            () => true,
            () => false,
          ),
          ffmpeg.exited.then(() => false),
        ]);
        if (!drained) {
          exit = await ffmpeg.exited;
          throw failure();
        }
      }
    },
    async close() {
      if (state !== 'open')
        throw videoError('encoder-closed', path, `close() after the encoder was ${state}`);
      state = 'closing';
      ffmpeg.child.stdin.end();
      const result = await ffmpeg.exited;
      if (result.code !== 0 || frames === 0) {
        state = 'aborted';
        await rm(partial, { force: true });
        if (frames === 0)
          throw videoError('video-encode-failed', path, 'no frames were written', {
            hint: 'write at least one frame before close()',
          });
        throw failure();
      }
      await rename(partial, path).catch((error: NodeJS.ErrnoException) => {
        state = 'aborted';
        throw videoError(
          'video-encode-failed',
          path,
          `cannot move the finished file into place (${error.code})`,
          { cause: error },
        );
      });
      state = 'closed';
      return { frames, bytes: (await stat(path)).size, ...even };
    },
    async abort() {
      if (state === 'closed' || state === 'aborted') return;
      state = 'aborted';
      ffmpeg.child.kill('SIGKILL');
      await ffmpeg.exited;
      await rm(partial, { force: true });
    },
  };
}

const x264Presets = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
  'slower',
  'veryslow',
  'placebo',
];

function checkOptions(options: Mp4EncoderOptions): void {
  const positiveInteger = (value: number) => Number.isInteger(value) && value > 0 && value <= 16384;
  const problems = [
    positiveInteger(options.width)
      ? ''
      : `width must be a whole number from 1 to 16384, not ${options.width}`,
    positiveInteger(options.height)
      ? ''
      : `height must be a whole number from 1 to 16384, not ${options.height}`,
    Number.isFinite(options.fps) && options.fps > 0
      ? ''
      : `fps must be a positive number, not ${options.fps}`,
    options.crf === undefined || (options.crf >= 0 && options.crf <= 51)
      ? ''
      : `crf must be from 0 to 51, not ${options.crf}`,
    options.preset === undefined || x264Presets.includes(options.preset)
      ? ''
      : `preset must be one of ${x264Presets.join(', ')}, not ${options.preset}`,
    options.threads === undefined ||
    (Number.isInteger(options.threads) && options.threads >= 0 && options.threads <= 64)
      ? ''
      : `threads must be a whole number from 0 (ffmpeg's choice) to 64, not ${options.threads}`,
  ].filter((problem) => problem.length > 0);
  if (problems.length > 0) throw videoError('invalid-video-options', options.path, problems.join('; '));
}
