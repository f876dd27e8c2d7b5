import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { createBlockFrame } from '../video/create-block-frame.js';
import { encodePng, rgbToRgba, writePng } from './encode-png.js';

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('encodePng / writePng', () => {
  it('writes a PNG with the frame size in its header', () => {
    const png = encodePng(createBlockFrame(40, 30, 0));
    expect([...png.subarray(0, 8)]).toEqual(signature);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([40, 30]);
  });

  it('writes a file whose pixels decode back exactly', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'iamflow-png-'));
    const frame = createBlockFrame(40, 30, 3, 8);
    const path = join(directory, 'keyframes', 'k.png');
    await writePng(path, frame);
    const image = await loadImage(await readFile(path));
    expect([image.width, image.height]).toEqual([40, 30]);
    const { createCanvas } = await import('@napi-rs/canvas');
    const context = createCanvas(40, 30).getContext('2d');
    context.drawImage(image, 0, 0);
    expect(context.getImageData(0, 0, 40, 30).data).toEqual(rgbToRgba(frame.data, 40 * 30));
    await rm(directory, { recursive: true, force: true });
  });

  it('refuses a frame whose bytes do not match its size', () => {
    expect(() => encodePng({ width: 4, height: 4, data: new Uint8Array(10) })).toThrow(
      /needs 48 bytes, not 10/,
    );
  });
});
