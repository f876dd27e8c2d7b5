import { rename, rm, writeFile } from 'node:fs/promises';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import { captureFfmpeg } from './run-ffmpeg.js';
import { ffmpegReason, videoError } from './video-error.js';

/**
 * Joins MP4 files of the same encoding into one without re-encoding (ffmpeg's concat demuxer, stream copy,
 * faststart): written as `<path>.part`, then renamed. The same inputs give the same bytes.
 *
 * @example
 * await concatMp4(['seg-0000.mp4', 'seg-0001.mp4'], 'out/video.mp4');
 */
export async function concatMp4(inputs: readonly string[], path: string, ffmpegPath?: string): Promise<void> {
  const list = `${path}.list.part`;
  const partial = `${path}.part`;
  // The concat list quotes each path; a quote inside is written as '\''.
  await writeFile(list, inputs.map((input) => `file '${input.replaceAll("'", "'\\''")}'\n`).join(''));
  const result = await captureFfmpeg(ffmpegPath ?? resolveFfmpeg(process.env), [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', list],
    ...['-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y', partial],
  ]);
  await rm(list, { force: true });
  if (result.code !== 0) {
    await rm(partial, { force: true });
    throw videoError(
      'video-encode-failed',
      path,
      result.error ? `ffmpeg could not start: ${result.error.message}` : ffmpegReason(result.stderr),
      { hint: 'check that the folder is writable and the disk has space' },
    );
  }
  await rename(partial, path);
}
