import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../errors/input-error.js';
import { VideoError } from '../errors/video-error.js';

const require = createRequire(import.meta.url);

/**
 * Finds the ffmpeg binary: `FFMPEG_PATH` when set (it must be an executable file), else the binary bundled by
 * `@ffmpeg-installer/ffmpeg`. Throws an error naming both options when neither works.
 *
 * @example
 * const ffmpeg = resolveFfmpeg(process.env); // '/…/node_modules/@ffmpeg-installer/linux-x64/ffmpeg'
 */
export function resolveFfmpeg(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.FFMPEG_PATH?.trim();
  if (configured) {
    if (isExecutableFile(configured)) return configured;
    throw new InputError([
      {
        code: 'ffmpeg-missing',
        path: ['FFMPEG_PATH'],
        message: `${configured} is not an executable file`,
        hint: 'point FFMPEG_PATH at an ffmpeg binary, or unset it to use the one bundled by @ffmpeg-installer/ffmpeg',
      },
    ]);
  }
  let bundled: string | undefined;
  let cause: unknown;
  try {
    bundled = (require('@ffmpeg-installer/ffmpeg') as { path?: string }).path;
  } catch (error) {
    cause = error;
  }
  if (bundled && isExecutableFile(bundled)) return bundled;
  throw new VideoError({
    message: 'no ffmpeg binary found',
    issues: [
      {
        code: 'ffmpeg-missing',
        path: ['ffmpeg'],
        message: `no ffmpeg binary found: FFMPEG_PATH is not set and @ffmpeg-installer/ffmpeg ${bundled ? `points at a missing file (${bundled})` : 'is not installed for this platform'}`,
        hint: 'set FFMPEG_PATH to an ffmpeg binary (e.g. /usr/bin/ffmpeg), or reinstall with npm install @ffmpeg-installer/ffmpeg',
      },
    ],
    cause,
  });
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
