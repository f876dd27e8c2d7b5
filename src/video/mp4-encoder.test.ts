import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamflowError } from '../errors/iamflow-error.js';
import { createBlockFrame, meanAbsoluteError } from './create-block-frame.js';
import { decodeMp4 } from './decode-mp4.js';
import { createMp4Encoder } from './mp4-encoder.js';

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iamflow-mp4-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function encode(path: string, width: number, height: number, count: number) {
  const encoder = createMp4Encoder({ path, width, height, fps: 16 });
  const frames = Array.from({ length: count }, (_, index) => createBlockFrame(width, height, index));
  for (const frame of frames) await encoder.write(frame);
  return { frames, result: await encoder.close() };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return IamflowError.isInstance(error) ? error.issues[0]?.code : `not an IamflowError: ${String(error)}`;
}

describe('createMp4Encoder', () => {
  it('round-trips 48 frames through H.264 with a small error', async () => {
    const path = join(directory, 'nested', 'round.mp4');
    const { frames, result } = await encode(path, 160, 96, 48);
    expect(result).toMatchObject({ frames: 48, width: 160, height: 96 });
    expect(result.bytes).toBe((await stat(path)).size);
    const decoded = await decodeMp4(path);
    expect([decoded.width, decoded.height, decoded.fps, decoded.frames.length]).toEqual([160, 96, 16, 48]);
    const errors = frames.map((frame, index) => meanAbsoluteError(frame, decoded.frames[index]!));
    expect(Math.max(...errors)).toBeLessThan(4);
    // Another frame (one block further) differs far more than the frame's own decode: order is kept.
    expect(meanAbsoluteError(frames[10]!, decoded.frames[26]!)).toBeGreaterThan(10 * errors[10]!);
    expect(await readdir(join(directory, 'nested'))).toEqual(['round.mp4']);
  });

  it('pads odd sizes to even and keeps the picture', async () => {
    const path = join(directory, 'odd.mp4');
    const { frames, result } = await encode(path, 33, 21, 4);
    expect([result.width, result.height]).toEqual([34, 22]);
    const decoded = await decodeMp4(path);
    expect([decoded.width, decoded.height, decoded.frames.length]).toEqual([34, 22, 4]);
    expect(meanAbsoluteError(frames[0]!, decoded.frames[0]!)).toBeLessThan(8);
  });

  it('refuses bad options, wrong frame sizes and use after close', async () => {
    expect(
      await codeOf(
        Promise.resolve().then(() =>
          createMp4Encoder({ path: join(directory, 'x.mp4'), width: 0, height: 10, fps: 16 }),
        ),
      ),
    ).toBe('invalid-video-options');
    const encoder = createMp4Encoder({ path: join(directory, 'bad.mp4'), width: 16, height: 16, fps: 16 });
    expect(await codeOf(encoder.write(createBlockFrame(8, 8, 0)))).toBe('frame-size-mismatch');
    await encoder.write(createBlockFrame(16, 16, 0));
    await encoder.close();
    expect(await codeOf(encoder.write(createBlockFrame(16, 16, 1)))).toBe('encoder-closed');
  });

  it('abort stops ffmpeg and leaves no file', async () => {
    const path = join(directory, 'aborted.mp4');
    const encoder = createMp4Encoder({ path, width: 64, height: 64, fps: 16 });
    await encoder.write(createBlockFrame(64, 64, 0));
    await encoder.abort();
    await encoder.abort();
    expect((await readdir(directory)).filter((name) => name.startsWith('aborted'))).toEqual([]);
  });

  it('closing without frames is an error and leaves no file', async () => {
    const encoder = createMp4Encoder({ path: join(directory, 'empty.mp4'), width: 16, height: 16, fps: 16 });
    expect(await codeOf(encoder.close())).toBe('video-encode-failed');
    expect((await readdir(directory)).filter((name) => name.startsWith('empty'))).toEqual([]);
  });

  it('asks x264 for one thread unless told otherwise (its output is then a function of the frames)', async () => {
    const fake = join(directory, 'args-ffmpeg');
    await writeFile(fake, `#!/bin/sh\necho "$@" > "$0.args"\ncat > /dev/null\nexit 1\n`, { mode: 0o755 });
    const argsOf = async (threads?: number) => {
      const encoder = createMp4Encoder({
        path: join(directory, 'args.mp4'),
        width: 16,
        height: 16,
        fps: 16,
        ffmpegPath: fake,
        ...(threads === undefined ? {} : { threads }),
      });
      expect(await codeOf(encoder.close())).toBe('video-encode-failed');
      return (await readFile(`${fake}.args`, 'utf8')).trim();
    };
    expect(await argsOf()).toContain('-c:v libx264 -threads 1 ');
    expect(await argsOf(0)).toContain('-c:v libx264 -threads 0 ');
  });

  it('reports ffmpeg’s own reason when it fails', async () => {
    const fake = join(directory, 'fake-ffmpeg');
    await writeFile(fake, '#!/bin/sh\necho "Unknown encoder \'libx264\'" >&2\nexit 1\n', { mode: 0o755 });
    const encoder = createMp4Encoder({
      path: join(directory, 'fake.mp4'),
      width: 16,
      height: 16,
      fps: 16,
      ffmpegPath: fake,
    });
    const error = await Promise.resolve()
      .then(async () => {
        for (let index = 0; index < 50; index++) await encoder.write(createBlockFrame(16, 16, index));
        return encoder.close();
      })
      .catch((caught: unknown) => caught);
    expect(IamflowError.isInstance(error) && error.issues[0]).toMatchObject({
      code: 'video-encode-failed',
      message: "Unknown encoder 'libx264'",
    });
    await encoder.abort();
  });

  it('checks crf, preset and threads before starting ffmpeg', async () => {
    const base = { path: join(directory, 'o.mp4'), width: 16, height: 16, fps: 16 };
    expect(await codeOf(Promise.resolve().then(() => createMp4Encoder({ ...base, crf: 99 })))).toBe(
      'invalid-video-options',
    );
    expect(
      await codeOf(Promise.resolve().then(() => createMp4Encoder({ ...base, preset: 'nonsense' }))),
    ).toBe('invalid-video-options');
    expect(await codeOf(Promise.resolve().then(() => createMp4Encoder({ ...base, threads: 1.5 })))).toBe(
      'invalid-video-options',
    );
  });

  it('refuses an output folder that cannot be made', async () => {
    const file = join(directory, 'round-as-file.mp4');
    await encode(file, 16, 16, 1);
    expect(
      await codeOf(
        Promise.resolve().then(() =>
          createMp4Encoder({ path: join(file, 'x.mp4'), width: 16, height: 16, fps: 16 }),
        ),
      ),
    ).toBe('video-encode-failed');
  });
});
