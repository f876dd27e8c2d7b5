import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../errors/format-error.js';
import { IamflowError } from '../errors/iamflow-error.js';
import { createBlockFrame } from './create-block-frame.js';
import { decodeMp4, readMp4Frames } from './decode-mp4.js';
import { createMp4Encoder } from './mp4-encoder.js';
import { probeVideo } from './probe-video.js';

let directory = '';
let video = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iamflow-decode-'));
  video = join(directory, 'clip.mp4');
  const encoder = createMp4Encoder({ path: video, width: 64, height: 48, fps: 16 });
  for (let index = 0; index < 24; index++) await encoder.write(createBlockFrame(64, 48, index, 16));
  await encoder.close();
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<IamflowError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!IamflowError.isInstance(error)) throw new Error(`expected an IamflowError, got ${String(error)}`);
  return error;
}

describe('probeVideo', () => {
  it('reads size, rate and duration without ffprobe', async () => {
    expect(await probeVideo(video)).toEqual({
      width: 64,
      height: 48,
      fps: 16,
      seconds: 1.5,
      estimatedFrames: 24,
      codec: 'h264',
    });
  });
});

describe('decodeMp4', () => {
  it('scales to a requested size, keeping the aspect ratio when only one side is given', async () => {
    const both = await decodeMp4(video, { width: 32, height: 32 });
    expect([both.width, both.height, both.frames.length, both.frames[0]!.data.length]).toEqual([
      32,
      32,
      24,
      32 * 32 * 3,
    ]);
    const one = await decodeMp4(video, { width: 32 });
    expect([one.width, one.height]).toEqual([32, 24]);
  });

  it('streams frames and stops ffmpeg when the reader breaks early', async () => {
    const stream = await readMp4Frames(video);
    let seen = 0;
    for await (const frame of stream.frames) {
      expect(frame.data.length).toBe(64 * 48 * 3);
      if (++seen === 3) break;
    }
    expect(seen).toBe(3);
  });

  it('names the file when it is missing, a folder, corrupt or truncated', async () => {
    const garbage = join(directory, 'garbage.mp4');
    await writeFile(garbage, Buffer.from('this is not a video at all, just some text bytes'.repeat(40)));
    const truncated = join(directory, 'truncated.mp4');
    const bytes = await readFile(video);
    await writeFile(truncated, bytes.subarray(0, 200));
    const cases = {
      missing: () => decodeMp4(join(directory, 'nope.mp4')),
      folder: () => probeVideo(directory),
      garbage: () => decodeMp4(garbage),
      truncated: () => decodeMp4(truncated),
    };
    for (const [name, read] of Object.entries(cases)) {
      const error = await failure(read());
      expect(error.issues[0]?.code, name).toBe('video-unreadable');
      expect(formatError(error), name).toContain(directory);
    }
    expect(
      formatError(await failure(decodeMp4(garbage))).replaceAll(directory, '<tmp>'),
    ).toMatchInlineSnapshot(`
      "error: <tmp>/garbage.mp4: is not a readable video (moov atom not found)
        hint: the file may be truncated or not a video: encode it again"
    `);
    expect(
      formatError(await failure(decodeMp4(truncated))).replaceAll(directory, '<tmp>'),
    ).toMatchInlineSnapshot(`
      "error: <tmp>/truncated.mp4: is not a readable video (it holds no video stream)
        hint: the file may be truncated or not a video: encode it again"
    `);
    expect(
      formatError(await failure(decodeMp4(join(directory, 'nope.mp4')))).replaceAll(directory, '<tmp>'),
    ).toMatchInlineSnapshot(`
      "error: <tmp>/nope.mp4: no such file
        hint: check the path"
    `);
  });

  it('refuses a stream cut in the middle unless partial frames are allowed', async () => {
    const bytes = await readFile(video);
    const cut = join(directory, 'cut.mp4');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    const error = await failure(decodeMp4(cut));
    expect(error.issues[0]?.code).toBe('video-unreadable');
    expect(error.issues[0]?.message).toMatch(/^is damaged: decoded \d+ of about 24 frames/);
    const partial = await decodeMp4(cut, { allowPartial: true });
    expect(partial.frames.length).toBeGreaterThan(0);
    expect(partial.frames.length).toBeLessThan(24);
  });

  it('refuses a bad target size', async () => {
    expect((await failure(decodeMp4(video, { width: -4 }))).issues[0]?.code).toBe('invalid-video-options');
  });
});
