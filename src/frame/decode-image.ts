import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Issue } from '../errors/iamflow-error.js';
import { InputError } from '../errors/input-error.js';
import type { VideoFrame } from './video-frame.js';

/**
 * Reads a PNG or JPEG file into an rgb24 frame (decoded by @napi-rs/canvas). A missing, unreadable or undecodable
 * file is an InputError located at `where` (e.g. `['story.jsonl', 'line 3', 'references', 'nora', 'image']`).
 *
 * @example
 * const nora = await decodeImageFile('refs/nora.png', ['story.yaml', 'references', 'nora', 'image']);
 */
export async function decodeImageFile(
  path: string,
  where: ReadonlyArray<string | number>,
): Promise<VideoFrame> {
  const fail = (issue: Omit<Issue, 'path'>, cause?: unknown): never => {
    throw new InputError([{ ...issue, path: where }], cause === undefined ? {} : { cause });
  };
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) =>
    fail(
      error.code === 'ENOENT' || error.code === 'ENOTDIR'
        ? {
            code: 'missing-image',
            message: `no such file (looked for ${path})`,
            hint: 'check the path: it is relative to the script file',
          }
        : {
            code: 'unreadable-image',
            message: `cannot be read (${error.code ?? 'unknown error'}): ${path}`,
            hint: 'check the file permissions',
          },
      error,
    ),
  );
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!png && !jpeg) {
    fail({
      code: 'unsupported-image',
      message: `is not a PNG or JPEG file: ${path}`,
      hint: 'save the picture as PNG or JPEG',
    });
  }
  const image = await loadImage(bytes).catch((error: unknown) =>
    fail(
      {
        code: 'invalid-image',
        message: `cannot be decoded (${error instanceof Error ? error.message : String(error)}): ${path}`,
        hint: 'open it in an image viewer and save it again as PNG or JPEG',
      },
      error,
    ),
  );
  const { width, height } = image;
  if (width === 0 || height === 0) fail({ code: 'invalid-image', message: `has no pixels: ${path}` });
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height * 3);
  for (let source = 0, target = 0; target < data.length; source += 4, target += 3) {
    data[target] = rgba[source]!;
    data[target + 1] = rgba[source + 1]!;
    data[target + 2] = rgba[source + 2]!;
  }
  return { width, height, data };
}
