import { describe, expect, it } from 'vitest';
import { formatError } from '../errors/format-error.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';

describe('resolveFfmpeg', () => {
  it('uses the bundled binary when FFMPEG_PATH is unset', () => {
    expect(resolveFfmpeg({})).toMatch(/@ffmpeg-installer\/.+\/ffmpeg$/);
  });

  it('uses FFMPEG_PATH when it is an executable file', () => {
    const bundled = resolveFfmpeg({});
    expect(resolveFfmpeg({ FFMPEG_PATH: bundled })).toBe(bundled);
  });

  it('refuses a FFMPEG_PATH that does not exist, naming both options', () => {
    expect(() => resolveFfmpeg({ FFMPEG_PATH: '/nowhere/ffmpeg' })).toThrow();
    try {
      resolveFfmpeg({ FFMPEG_PATH: '/nowhere/ffmpeg' });
    } catch (error) {
      expect(formatError(error)).toMatchInlineSnapshot(`
        "error: FFMPEG_PATH: /nowhere/ffmpeg is not an executable file
          hint: point FFMPEG_PATH at an ffmpeg binary, or unset it to use the one bundled by @ffmpeg-installer/ffmpeg"
      `);
    }
  });
});
