import { deflateSync } from 'node:zlib';
import type { VideoFrame } from '../../../engine/engine.js';

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** A frame as a PNG data URL (what vision chat APIs accept as an image). */
export function frameToDataUrl(frame: VideoFrame): string {
  return `data:image/png;base64,${Buffer.from(encodeRgbPng(frame)).toString('base64')}`;
}

/** Encodes a packed RGB frame as an 8-bit truecolour PNG. */
export function encodeRgbPng(frame: VideoFrame): Uint8Array {
  const stride = frame.width * 3;
  const raw = Buffer.alloc((stride + 1) * frame.height);
  for (let y = 0; y < frame.height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(frame.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(frame.width, 0);
  header.writeUInt32BE(frame.height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  let crc = 0xffffffff;
  for (let index = 4; index < 8 + data.length; index++)
    crc = crcTable[(crc ^ out[index]!) & 0xff]! ^ (crc >>> 8);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}
