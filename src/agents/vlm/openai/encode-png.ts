import { createCanvas } from '@napi-rs/canvas';
import type { VideoFrame } from '../../../frame/video-frame.js';

/** Encodes an RGB frame as a PNG data URL (`data:image/png;base64,...`) for a vision chat message. */
export async function frameToDataUrl(frame: VideoFrame): Promise<string> {
  const canvas = createCanvas(frame.width, frame.height);
  const context = canvas.getContext('2d');
  const image = context.createImageData(frame.width, frame.height);
  for (let pixel = 0; pixel < frame.width * frame.height; pixel += 1) {
    image.data[pixel * 4] = frame.data[pixel * 3]!;
    image.data[pixel * 4 + 1] = frame.data[pixel * 3 + 1]!;
    image.data[pixel * 4 + 2] = frame.data[pixel * 3 + 2]!;
    image.data[pixel * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  const png = await canvas.encode('png');
  return `data:image/png;base64,${png.toString('base64')}`;
}
